package com.callintel.hub.screenpop;

import com.callintel.hub.sandbox.ams.AmsSandboxData;
import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.support.BrowserSupport;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end in real headless Chromium: an agent signs in to the console (through the identity provider's page), a
 * signed ringing webhook arrives and the card shows the AMS client's name; with two matching clients the agent
 * picks one and the call's note goes to that client in the AMS simulator.
 */
class ScreenPopBrowserTest extends ScreenPopTestSupport {

    private static final double TIMEOUT_MS = WAIT.toMillis();

    /** The default run's path: one click as the demo agent, a demo Dialpad call rings Dana, her card pops. */
    @Test
    void demoAgentSignsInWithOneClickAndTheDemoCallPopsForThem() {
        String callId = Long.toString(6_263_000_000_000_000L + System.nanoTime() % 1_000_000_000L);
        String body = new String(fixture("dialpad", "inbound-ringing.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("6263000000000001", callId);
        try (BrowserSupport chromium = BrowserSupport.launch();
             BrowserContext context = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                     .setViewportSize(1366, 768))) {
            Page page = context.newPage();
            // the console sends the browser to the identity provider's page; the demo agent is one click there
            page.navigate(base() + "/console/");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in as agent").setExact(true)).click();
            assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Connected: waiting for calls.",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(TIMEOUT_MS));

            var signed = com.callintel.hub.sandbox.SampleSender.sign("dialpad",
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8), secret("dialpad"), java.time.Instant.now());
            assertThat(post("/webhooks/dialpad/demo-dialpad-4f9c2e", signed.body(), signed.headers()).statusCode()).isEqualTo(200);
            Locator card = page.locator(".pop-card").filter(new Locator.FilterOptions().setHasText("Marcus Bell"));
            assertThat(card.first()).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(TIMEOUT_MS));
        }
        assertThat(jdbc.sql("""
                select p.member_id from screen_pop p join call c on c.org_id = p.org_id and c.id = p.call_id
                where c.provider = 'dialpad' and c.provider_call_id = :call
                """).param("call", callId).query(String.class).list())
                .as("addressed to the demo agent through the seeded mapping").containsExactly("user_demo_agent");
    }

    @Test
    void agentSeesTheCallerBeforePickingUpAndPicksTheRightClientOfTwo() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        mapAgent(tenant, agentUser(tenant), "zU_dana_whitfield");
        try (BrowserSupport chromium = BrowserSupport.launch();
             BrowserContext context = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                     .setViewportSize(1366, 768))) {
            Page page = context.newPage();
            page.navigate(base() + "/console/");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in as agent").setExact(true)))
                    .isVisible();
            page.getByLabel("Or the user of a token of this issuer").fill(agentToken(tenant));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with this token")).click();
            assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Connected: waiting for calls.",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(TIMEOUT_MS));

            ring(tenant, "+15555550123", "7412000000000000801");
            Locator card = page.locator(".pop-card").filter(new Locator.FilterOptions().setHasText("Marcus Bell"));
            assertThat(card).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(TIMEOUT_MS));
            assertThat(card).containsText("AMS id " + MARCUS_BELL);
            assertThat(card).containsText("+15555550123");
            assertThat(page.locator("#announcer")).containsText("Marcus Bell");

            String callId = "7412000000000000802";
            ring(tenant, AmsSandboxData.SHARED_HOUSEHOLD_NUMBER, callId);
            Locator several = page.locator(".pop-card.several");
            assertThat(several).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(TIMEOUT_MS));
            assertThat(several).containsText("Sam Okafor");
            assertThat(several).containsText("Grace Okafor");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Choose Grace Okafor as the caller")).click();
            assertThat(several.locator(".chosen-note")).hasText("The call note will go to Grace Okafor.");
            page.screenshot(new Page.ScreenshotOptions().setPath(BrowserSupport.screenshot("screen-pop-console")));

            sendZoomCallFrom(tenant, AmsSandboxData.SHARED_HOUSEHOLD_NUMBER, callId);
            awaitSyncsSettled(tenant, java.time.Duration.ofSeconds(30));
            assertThat(epic.created()).filteredOn(r -> r.kind() == CreatedRecord.Kind.ACTIVITY)
                    .singleElement().satisfies(a -> assertThat(a.clientId()).isEqualTo(GRACE_OKAFOR));
        }
    }
}
