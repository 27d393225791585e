package com.callintel.hub;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package rules of docs/architecture.md, checked on the main classes. */
@AnalyzeClasses(
        packages = "com.callintel.hub",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.WithoutSandbox.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesFormNoCycle =
            slices().matching("com.callintel.hub.(*)..").should().beFreeOfCycles();

    /** The sandbox (simulators, demo data) belongs to the test tree; it is not part of the production layers. */
    static final class WithoutSandbox implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/com/callintel/hub/sandbox/");
        }
    }
}
