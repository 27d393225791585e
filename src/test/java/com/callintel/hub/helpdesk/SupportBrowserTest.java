package com.callintel.hub.helpdesk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

import static com.callintel.hub.helpdesk.SupportTicketsTest.awaitMail;
import static com.callintel.hub.helpdesk.SupportTicketsTest.text;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Support tickets in real headless Chromium: an admin opens a ticket from the Settings page and sees it listed;
 * an operator signs in at the operators' page, finds it, resolves it with a reply, and the admin gets the mail.
 * Screenshots in {@code target/support-screenshots/}.
 */
class SupportBrowserTest extends HubIntegrationTest {

    private static final double TIMEOUT_MS = 30_000;
    private static final Path SCREENSHOTS = Path.of("target", "support-screenshots");

    @Test
    void adminOpensTicketInSettingsAndOperatorResolvesItOnTheOperatorsPage() throws Exception {
        TestTenant tenant = newTenant();
        String email = "owner@" + tenant.orgId() + ".test";
        String admin = identityProvider.sign(Map.of("sub", "user_owner_" + tenant.orgId(), "org_id", tenant.orgId().toString(),
                "org_role", "org:admin", "email", email), Duration.ofMinutes(10));
        String operator = identityProvider.sign(Map.of("sub", "user_demo_operator", "email", "ops@callintel.test"),
                Duration.ofMinutes(10));
        try (BrowserSupport chromium = BrowserSupport.launch();
             BrowserContext adminBrowser = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1366, 900));
             BrowserContext operatorBrowser = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1366, 900))) {
            Page settings = signIn(adminBrowser, "/settings/", admin);
            Locator support = settings.locator("#support");
            support.getByLabel("Category").selectOption("connector");
            support.getByLabel("Subject").fill("Dialpad webhooks refused");
            support.getByLabel("Your message").fill("Since this morning Dialpad says 401.");
            settings.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send to support")).click();
            assertThat(settings.locator("#support-result")).containsText("sent to CallIntel support",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            assertThat(settings.locator("#support-rows tr")).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(TIMEOUT_MS));
            long id = Long.parseLong(settings.locator("#support-rows tr").first().getAttribute("data-ticket"));
            assertThat(jdbc.sql("select subject from support_ticket where org_id = :org and id = :id")
                    .param("org", tenant.orgId()).param("id", id).query(String.class).single()).isEqualTo("Dialpad webhooks refused");
            assertThat(text(awaitMail(mailbox, "support@callintel.test", "#" + id + "]"))).contains("Since this morning Dialpad says 401.");
            shoot(support, "settings-support");

            Page desk = signIn(operatorBrowser, "/operator/tickets/", operator);
            Locator row = desk.locator("#ticket-rows tr[data-ticket='" + id + "']");
            assertThat(row).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(TIMEOUT_MS));
            row.getByRole(AriaRole.BUTTON).click();
            assertThat(desk.locator("#ticket-text")).hasText("Since this morning Dialpad says 401.");
            desk.getByLabel("New status").selectOption("resolved");
            desk.getByLabel("Reply to the reporter").fill("Your Dialpad secret was rotated; paste the new one.");
            desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save and mail the reporter")).click();
            assertThat(desk.locator("#change-result")).containsText("is resolved",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            assertThat(row.locator(".ticket-status")).hasText("resolved");
            shoot(desk.locator("main"), "operator-desk");

            assertThat(text(awaitMail(mailbox, email, "ticket #" + id + " is resolved")))
                    .contains("Your Dialpad secret was rotated; paste the new one.");
            settings.reload();
            assertThat(settings.locator("#support-rows tr[data-ticket='" + id + "'] .ticket-status"))
                    .hasText("Resolved", new LocatorAssertions.HasTextOptions().setTimeout(TIMEOUT_MS));

            // the admin's session is no operator's
            Page refused = adminBrowser.newPage();
            assertThat(refused.navigate(hub("/operator/tickets/")).status()).isEqualTo(403);
            assertThat(refused.locator("h1")).hasText("Operators only");
        }
    }

    private Page signIn(BrowserContext browser, String path, String token) {
        Page page = browser.newPage();
        page.navigate(hub(path));
        page.getByLabel("Or the user of a token of this issuer").fill(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with this token")).click();
        page.waitForURL("**" + path + "**");
        return page;
    }

    private static void shoot(Locator part, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        part.screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }

    private String hub(String path) {
        return "http://localhost:" + port + path;
    }
}
