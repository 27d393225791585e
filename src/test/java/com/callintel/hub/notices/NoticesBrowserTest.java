package com.callintel.hub.notices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import com.callintel.hub.support.BrowserSupport;
import com.callintel.hub.support.HubIntegrationTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' notices page in headless Chromium: an operator records a breach with the form and sees its 72 h
 * deadline and the affected organization told; a policy 29 days ahead is refused on the page, 30 days ahead is
 * published. Screenshots in {@code target/notices-screenshots/}.
 */
class NoticesBrowserTest extends HubIntegrationTest {

    private static final double TIMEOUT_MS = 30_000;
    private static final Path SCREENSHOTS = Path.of("target", "notices-screenshots");

    @Test
    void operatorRecordsABreachAndSeesWhoWasToldAndPublishesAPolicyOnTheNoticesPage() throws Exception {
        TestTenant tenant = newTenant();
        String adminMail = "admins@" + tenant.orgId() + ".test";
        tenants.setAlertEmail(tenant.orgId(), adminMail);
        String operator = identityProvider.sign(Map.of("sub", "user_demo_operator", "email", "ops@callintel.test"),
                Duration.ofMinutes(10));
        try (BrowserSupport chromium = BrowserSupport.launch();
             BrowserContext browser = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1366, 900))) {
            Page page = signIn(browser, "/operator/notices/", operator);

            page.getByLabel("Discovered at").fill(LocalDate.now().minusDays(1) + "T09:30");
            page.getByLabel("What happened").fill("An export link was shared outside the agency");
            page.getByLabel("Data involved").fill("Names and numbers of 3 callers");
            page.getByLabel("Mitigation taken").fill("The link was revoked");
            page.getByLabel("Recommended actions").fill("Tell the 3 callers");
            page.getByLabel("Affected organizations").fill(tenant.orgId().toString());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record and mail the admins")).click();

            assertThat(page.locator("#record-result")).containsText("Recorded breach #",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            assertThat(page.locator("#incident-deadline")).containsText("Deadline:");
            assertThat(page.locator("#incident-parts")).containsText("Names and numbers of 3 callers");
            assertThat(Mails.awaitOne(mailbox, adminMail, "a personal-data breach affecting"))
                    .contains("An export link was shared outside the agency");
            String id = page.locator("#record-result").textContent().replaceAll(".*breach #(\\d+).*", "$1");
            page.locator("#incident-rows tr[data-incident='" + id + "']").getByRole(AriaRole.BUTTON).click();
            assertThat(page.locator("#told-rows")).not().containsText("not yet",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            assertThat(page.locator("#incident-deliveries")).containsText(adminMail);
            assertThat(page.locator("#incident-deliveries")).containsText("sent");
            shoot(page.locator("#incident"), "incident");

            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            page.getByLabel("Effective date").fill(today.plusDays(29).toString());
            page.getByLabel("Full text").fill("CallIntel keeps call data at most 30 days.");
            Locator publish = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish and mail every organization"));
            publish.click();
            assertThat(page.locator("#publish-result")).containsText(today.plusDays(30) + " or later",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            page.getByLabel("Effective date").fill(today.plusDays(30).toString());
            publish.click();
            assertThat(page.locator("#publish-result")).containsText("effective " + today.plusDays(30),
                    new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            shoot(page.locator("main"), "notices");
        }
    }

    private Page signIn(BrowserContext browser, String path, String token) {
        Page page = browser.newPage();
        page.navigate("http://localhost:" + port + path);
        page.getByLabel("Or the user of a token of this issuer").fill(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with this token")).click();
        page.waitForURL("**" + path + "**");
        return page;
    }

    private static void shoot(Locator part, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        part.screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }
}
