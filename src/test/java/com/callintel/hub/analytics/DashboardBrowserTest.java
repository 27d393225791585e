package com.callintel.hub.analytics;

import java.time.Duration;
import java.util.Map;

import com.callintel.hub.ai.AiSwitch;
import com.callintel.hub.ai.TranscribedCalls;
import com.callintel.hub.sandbox.SandboxProperties;
import com.callintel.hub.sandbox.ai.AnthropicSimulator;
import com.callintel.hub.support.BrowserSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in real headless Chromium: a month of demo traffic is sent through the intake, a demo admin
 * signs in with one click, and the page draws its tiles, both charts, the heat map and the leaderboard.
 * The screenshot is target/screenshots/dashboard.png.
 */
class DashboardBrowserTest extends AnalyticsTestSupport {

    @Autowired
    SandboxProperties sandbox;
    @Autowired
    AiSwitch ai;
    @Autowired
    AnthropicSimulator anthropic;

    @Test
    void dashboardRendersChartsAndLeaderboardForASeededMonth() throws Exception {
        TestTenant demo = new TestTenant(sandbox.orgId(), Map.of());
        String admin = adminToken(demo);
        var seeded = call("POST", "/api/admin/sandbox/demo-traffic?callsPerWeekday=12", admin, null);
        assertThat(seeded.statusCode()).as(seeded.body()).isEqualTo(202);
        JsonNode plan = JSON.readTree(seeded.body());
        long planned = plan.path("calls").asLong();
        assertThat(planned).isGreaterThan(150);
        String month = "from=" + plan.path("from").asText() + "&to=" + plan.path("to").asText();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                analytics(demo, "totals", month).path("calls").path("calls").asLong() >= planned);
        assertThat(get("/webjars/chart.js/dist/chart.umd.js").statusCode()).as("Chart.js from its WebJar").isEqualTo(200);
        analysedCalls(demo, month);

        try (BrowserSupport browser = BrowserSupport.launch()) {
            Page page = browser.browser().newPage(new com.microsoft.playwright.Browser.NewPageOptions()
                    .setViewportSize(1440, 1500));
            page.onConsoleMessage(m -> System.out.println("browser console: " + m.text()));
            page.onPageError(e -> System.out.println("browser error: " + e));
            page.navigate("http://localhost:" + port + "/dashboard/");
            page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                    new Page.GetByRoleOptions().setName("Sign in as admin").setExact(true)).click();
            page.waitForSelector("body[data-loaded=true]", new Page.WaitForSelectorOptions().setTimeout(30_000));

            assertThat(page.textContent("#t-calls").replace(",", "")).isEqualTo(String.valueOf(planned + 3));
            assertThat((Integer) page.evaluate("Chart.getChart('trend-chart').data.labels.length")).isEqualTo(30);
            assertThat((Integer) page.evaluate("Chart.getChart('hour-chart').data.datasets[0].data"
                    + ".reduce(function (a, b) { return a + b; }, 0)")).isPositive();
            assertThat((Boolean) page.evaluate("(function () { var c = document.getElementById('trend-chart');"
                    + " var px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + " for (var i = 3; i < px.length; i += 4) { if (px[i] > 0) { return true; } } return false; })()"))
                    .as("the trend chart has drawn pixels").isTrue();
            assertThat(page.locator("#heatmap .cell").count()).isEqualTo(7 * 24);
            page.locator("#leaders tr").first().waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                    .setState(WaitForSelectorState.VISIBLE));
            assertThat(page.locator("#leaders tr").count()).isEqualTo(6);
            assertThat(page.textContent("#leaders")).contains("user_demo_agent").doesNotContain("Dana Whitfield");

            String mostTalk = analytics(demo, "leaderboard", month + "&measure=talk_time").path("agents").get(0)
                    .path("agent").asText();
            page.selectOption("#measure", "talk_time");
            // polled from Java: the page's CSP (script-src 'self') forbids the eval a string predicate needs
            page.waitForCondition(() -> page.locator("#leaders tr .agent").first().textContent().startsWith(mostTalk));
            assertThat(page.getAttribute("#intent-chart", "data-intents")).isEqualTo("claim:2,certificate_request:1");
            assertThat(page.textContent("#intent-note")).startsWith("3 of ");
            assertThat((Integer) page.evaluate("Chart.getChart('sentiment-chart').data.datasets"
                    + ".reduce(function (n, d) { return n + d.data.reduce(function (a, b) { return a + b; }, 0); }, 0)"))
                    .isEqualTo(3);
            assertThat(page.isVisible("#no-intents")).isFalse();
            page.screenshot(new Page.ScreenshotOptions().setPath(BrowserSupport.screenshot("dashboard")).setFullPage(true));
        }
    }

    /** Three transcribed calls of the demo organization, analysed by the sandbox's Anthropic: the intent mix. */
    private void analysedCalls(TestTenant demo, String month) {
        anthropic.acceptKey("sk-ant-dashboard");
        ai.set(demo.orgId(), true, "sk-ant-dashboard");
        try {
            String key = sandbox.accountFor("dialpad").endpointKey();
            String[] transcripts = {
                    "Caller: I was in an accident and need to file a claim. Agent: I will call back today.",
                    "Caller: A tree fell on my roof, I want to open a claim. Thank you.",
                    "Caller: My landlord needs a certificate of insurance. Agent: I will email it."};
            for (int i = 0; i < transcripts.length; i++) {
                for (var signed : TranscribedCalls.call("62630000000009" + i, transcripts[i],
                        clock.instant().minus(Duration.ofHours(2)), secret("dialpad"))) {
                    assertThat(post("/webhooks/dialpad/" + key, signed.body(), signed.headers()).statusCode()).isEqualTo(200);
                }
            }
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    analytics(demo, "intelligence", month).path("analysed").asLong() == 3);
        } finally {
            ai.set(demo.orgId(), false, null);
        }
    }
}
