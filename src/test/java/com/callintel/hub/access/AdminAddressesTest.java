package com.callintel.hub.access;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.support.HubIntegrationTest;
import com.callintel.hub.support.OidcBrowserFlow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub learns its organizations' admins at sign-in: an admin's browser sign-in records the verified address of
 * their ID token (the one the notices are mailed to); a member who signs in as an agent, or whose address the
 * identity provider has not verified, is not on the list.
 */
class AdminAddressesTest extends HubIntegrationTest {

    @Autowired
    private AdminAddresses admins;

    @Test
    void anAdminsSignInRecordsTheAddressOfTheirIdTokenAndTheLatestOneWins() {
        TestTenant tenant = newTenant();
        TestTenant other = newTenant();
        String pat = "user_pat_" + tenant.orgId();

        signIn(tenant, pat, "org:admin", "pat@" + tenant.orgId() + ".test", null);

        assertThat(addresses(tenant.orgId())).containsExactly("pat@" + tenant.orgId() + ".test");
        assertThat(addresses(other.orgId())).as("another organization's list").isEmpty();
        assertThat(jdbc.sql("select last_signed_in_at is not null from organization_admin where org_id = :org and subject = :s")
                .param("org", tenant.orgId()).param("s", pat).query(Boolean.class).single()).isTrue();

        signIn(tenant, pat, "org:admin", "pat.new@" + tenant.orgId() + ".test", true);

        assertThat(addresses(tenant.orgId())).containsExactly("pat.new@" + tenant.orgId() + ".test");
    }

    @Test
    void aMemberWhoSignsInAsAnAgentOrWithAnUnverifiedAddressIsNotOnTheList() {
        TestTenant tenant = newTenant();
        String demoted = "user_demoted_" + tenant.orgId();
        String unverified = "user_unverified_" + tenant.orgId();
        String kept = "user_kept_" + tenant.orgId();
        signIn(tenant, demoted, "org:admin", "demoted@" + tenant.orgId() + ".test", true);
        signIn(tenant, kept, "org:admin", "kept@" + tenant.orgId() + ".test", true);
        assertThat(addresses(tenant.orgId())).hasSize(2);

        signIn(tenant, demoted, "org:member", "demoted@" + tenant.orgId() + ".test", true);
        signIn(tenant, unverified, "org:admin", "unverified@" + tenant.orgId() + ".test", false);
        signIn(tenant, "user_agent_" + tenant.orgId(), "org:member", "agent@" + tenant.orgId() + ".test", true);

        assertThat(addresses(tenant.orgId())).containsExactly("kept@" + tenant.orgId() + ".test");
    }

    @Test
    void anAddressThatIsNotOnePlainMailboxIsNotRecorded() {
        TestTenant tenant = newTenant();
        String tenantMail = "a@" + tenant.orgId() + ".test";
        for (String address : new String[] {tenantMail + ", victim@elsewhere.test", "Pat <" + tenantMail + ">", "not-an-address"}) {
            signIn(tenant, "user_odd_" + UUID.randomUUID(), "org:admin", address, true);
        }
        assertThat(addresses(tenant.orgId())).isEmpty();
    }

    @Test
    void removingAnAdminTakesTheirAddressOffTheListUntilTheySignInAgain() {
        TestTenant tenant = newTenant();
        TestTenant other = newTenant();
        String shared = "office@" + tenant.orgId() + ".test";
        signIn(tenant, "user_pat_" + tenant.orgId(), "org:admin", shared, true);
        signIn(tenant, "user_sam_" + tenant.orgId(), "org:admin", shared.toUpperCase(java.util.Locale.ROOT), true);
        signIn(tenant, "user_lee_" + tenant.orgId(), "org:admin", "lee@" + tenant.orgId() + ".test", true);
        signIn(other, "user_pat_" + tenant.orgId(), "org:admin", shared, true);
        assertThat(addresses(tenant.orgId())).as("one line per address").hasSize(2);

        assertThat(admins.remove(tenant.orgId(), "user_sam_" + tenant.orgId())).isTrue();

        assertThat(addresses(tenant.orgId())).as("every admin who signed in with the address").containsExactly("lee@" + tenant.orgId() + ".test");
        assertThat(addresses(other.orgId())).as("another organization's admin of the same id").containsExactly(shared);
        assertThat(admins.remove(tenant.orgId(), "user_sam_" + tenant.orgId())).as("already off").isFalse();
        assertThat(admins.remove(tenant.orgId(), "user_nobody")).isFalse();

        signIn(tenant, "user_pat_" + tenant.orgId(), "org:admin", shared, true);
        assertThat(addresses(tenant.orgId())).as("back at the next sign-in").containsExactly("lee@" + tenant.orgId() + ".test", shared);
    }

    private java.util.List<String> addresses(UUID orgId) {
        return admins.of(orgId).stream().map(AdminAddresses.AdminAddress::address).toList();
    }

    private void signIn(TestTenant tenant, String subject, String role, String email, Boolean emailVerified) {
        Map<String, Object> claims = new HashMap<>(Map.of("sub", subject, "org_id", tenant.orgId().toString(),
                "org_role", role, "email", email));
        if (emailVerified != null) {
            claims.put("email_verified", emailVerified);
        }
        OidcBrowserFlow.signInToTheHub(port, identityProvider.sign(claims, Duration.ofMinutes(5)));
    }
}
