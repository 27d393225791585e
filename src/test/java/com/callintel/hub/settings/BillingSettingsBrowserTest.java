package com.callintel.hub.settings;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.sandbox.StripeEvents;
import com.callintel.hub.support.BrowserSupport;
import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Settings page tells an agency's admins when its subscription stopped the service: a banner and the Billing section. */
class BillingSettingsBrowserTest extends HubIntegrationTest {

    /** The current endpoint secret of hub-test.properties. */
    private static final String SECRET = "whsec_test_current_8c3e5a";
    private static BrowserSupport chromium;

    @BeforeAll
    static void launch() {
        chromium = BrowserSupport.launch();
    }

    @AfterAll
    static void close() {
        chromium.close();
    }

    @Test
    void anAdminOfACanceledAgencySeesTheBannerAndTheHistory() {
        TestTenant tenant = newTenant();
        String customer = "cus_B" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        Instant now = clock.instant();
        deliver("checkout-session-completed", tenant, customer, now.minusSeconds(60));
        deliver("customer-subscription-deleted", tenant, customer, now);
        await().atMost(Duration.ofSeconds(20)).until(() -> "canceled".equals(jdbc.sql(
                "select state from billing_account where org_id = :org").param("org", tenant.orgId()).query(String.class)
                .optional().orElse(null)));

        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = SettingsAccessBrowserTest.signInWithToken(context, "http://localhost:" + port + "/settings/",
                    adminToken(tenant));

            assertThat(page.locator("#billing-banner")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
            assertThat(page.locator("#billing-banner")).containsText("Your subscription is canceled");
            assertThat(page.locator("#billing-state")).hasText("Canceled");
            assertThat(page.locator("#billing-served")).containsText("No");
            assertThat(page.locator("#billing-history li")).hasCount(2);
        }
    }

    private void deliver(String fixture, TestTenant tenant, String customer, Instant created) {
        ObjectNode event = StripeEvents.fixture(fixture);
        event.put("id", "evt_B" + UUID.randomUUID().toString().replace("-", ""));
        ObjectNode object = (ObjectNode) event.path("data").path("object");
        object.put("customer", customer);
        object.put("client_reference_id", tenant.orgId().toString());
        object.put("subscription", "sub_B" + customer);
        if (object.path("object").asText().equals("subscription")) {
            object.put("id", "sub_B" + customer);
        }
        var signed = SampleSender.signStripe(StripeEvents.createdAt(event, created), SECRET, clock.instant());
        var answer = post("/webhooks/stripe", signed.body(), signed.headers());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
