package com.callintel.hub;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package rules of docs/architecture.md ("Packages and their layers"), checked on the main classes. */
@AnalyzeClasses(
        packages = "com.callintel.hub",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.WithoutSandbox.class})
class ArchitectureTest {

    private static final String HUB = "com.callintel.hub..";
    /** What every feature builds on: errors, the database, HTTP helpers, organizations and secrets, egress. */
    private static final String[] FOUNDATION = {"com.callintel.hub.problem..", "com.callintel.hub.store..",
            "com.callintel.hub.http..", "com.callintel.hub.tenancy..", "com.callintel.hub.egress.."};

    @ArchTest
    static final ArchRule packagesFormNoCycle =
            slices().matching("com.callintel.hub.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule foundationUsesNoFeature = noClasses()
            .that().resideInAnyPackage(FOUNDATION)
            .should().dependOnClassesThat(resideInAPackage(HUB).and(not(resideInAnyPackage(FOUNDATION))))
            .because("the foundation is what features share; a feature it knew of would pull every user along");

    @ArchTest
    static final ArchRule intakeNeverReachesAnAms = noClasses()
            .that().resideInAPackage("com.callintel.hub.intake..")
            .should().transitivelyDependOnClassesThat().resideInAPackage("com.callintel.hub.ams..")
            .because("the ack path does no AMS work: a provider times out within seconds");

    @ArchTest
    static final ArchRule analyticsNeverCallsOut = noClasses()
            .that().resideInAPackage("com.callintel.hub.analytics..")
            .should().transitivelyDependOnClassesThat(or(
                    resideInAnyPackage("com.callintel.hub.ams..", "com.callintel.hub.egress.."),
                    resideInAPackage("com.callintel.hub.connectors..").and(simpleNameStartingWith("Ams"))))
            .because("analytics reads the hub's own facts only; it never calls an AMS or anything outside");

    @ArchTest
    static final ArchRule processingNeverUsesTheAmsSide = noClasses()
            .that().resideInAnyPackage("com.callintel.hub.processing..", "com.callintel.hub.calls..")
            .should().dependOnClassesThat().resideInAPackage("com.callintel.hub.ams..")
            .because("the AMS sync follows the recorded calls; the call ledger fills its outbox through CallOutbox");

    @ArchTest
    static final ArchRule nothingUsesTheAdminApi = noClasses()
            .that().resideOutsideOfPackage("com.callintel.hub.admin..")
            .should().dependOnClassesThat().resideInAPackage("com.callintel.hub.admin..")
            .because("the admin API sits on top: it configures every feature and no feature needs it");

    @ArchTest
    static final ArchRule nothingUsesTheConnectorCheck = noClasses()
            .that().resideOutsideOfPackage("com.callintel.hub.connectorcheck..")
            .should().dependOnClassesThat().resideInAPackage("com.callintel.hub.connectorcheck..")
            .because("the connector check is a command over intake and processing, not part of the running hub");

    /** The sandbox (simulators, demo data) belongs to the test tree; it is not part of the production layers. */
    static final class WithoutSandbox implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/com/callintel/hub/sandbox/");
        }
    }
}
