package com.callintel.hub.intake;

import java.time.Duration;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Endpoint keys are admitted from memory, yet a provider account changed behind the admin API's back (another
 * node, an organization's erasure) stops being admitted without waiting for the cache to expire.
 */
// a cache that would keep keys for an hour: only the change notification can make these tests pass
@TestPropertySource(properties = "callintel.intake.endpoint-key-cache.ttl=1h")
class EndpointKeyChangeTest extends HubIntegrationTest {

    @Test
    void erasedOrganizationsEndpointIsRefusedOnceItsAccountsAreGone() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, "zoom", "zoom", "inbound-ringing.json").statusCode()).as("admitted and cached").isEqualTo(200);

        jdbc.sql("delete from organization where id = :org").param("org", tenant.orgId()).update();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> IntakeRejectionTest.assertProblem(
                send(tenant, "zoom", "zoom", "inbound-answered.json"), 404, "unknown-endpoint"));
    }

    @Test
    void keyDeletedDirectlyInTheDatabaseIsRefused() {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, "zoom", "zoom", "inbound-ringing.json").statusCode()).isEqualTo(200);

        jdbc.sql("delete from provider_account where org_id = :org and provider = 'zoom'").param("org", tenant.orgId()).update();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> IntakeRejectionTest.assertProblem(
                send(tenant, "zoom", "zoom", "inbound-answered.json"), 404, "unknown-endpoint"));
    }
}
