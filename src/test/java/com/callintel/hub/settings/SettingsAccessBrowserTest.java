package com.callintel.hub.settings;

import java.nio.file.Files;
import java.time.Instant;
import java.util.regex.Pattern;

import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.support.BrowserSupport;
import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may use the Settings page and what its hardest buttons do, in real headless Chromium: an agent gets a page
 * saying the settings are for admins, and neither an agent nor an agency admin opens the console (Hawtio), which an
 * operator's same sign-in opens; removing a provider account or rotating its secret on the page refuses the next
 * webhook with the old credentials, removing the AMS connection stops the next note; the export downloads the
 * organization's data and deletion waits for the typed confirmation.
 */
class SettingsAccessBrowserTest extends HubIntegrationTest {

    private static final double TIMEOUT_MS = SettingsBrowserTest.TIMEOUT_MS;

    private static BrowserSupport chromium;

    @LocalManagementPort
    int managementPort;

    @BeforeAll
    static void launch() {
        chromium = BrowserSupport.launch();
    }

    @AfterAll
    static void close() {
        chromium.close();
    }

    @Test
    void agentGetsARefusalPageAtTheSettingsAndAtTheConsole() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = signInWithToken(context, hub("/settings/"), agentToken(newTenant()));
            var settings = page.navigate(hub("/settings/"));
            assertThat(settings.status()).isEqualTo(403);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("The settings are for your agency's admins")))
                    .isVisible();
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open the agent console"))).isVisible();
            assertThat(page.content()).doesNotContain("Setup checklist");
            assertThat(page.navigate(hub("/settings/settings.js")).status()).isEqualTo(403);

            var console = page.navigate(management("/actuator/hawtio/"));
            assertThat(console.status()).isEqualTo(403);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Operators only"))).isVisible();
            assertThat(page.content()).doesNotContain("<title>Hawtio");
        }
    }

    @Test
    void agencyAdminGetsARefusalPageAtTheConsoleWhichAnOperatorsSameSignInOpens() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = signInWithToken(context, hub("/settings/"), adminToken(newTenant()));
            assertThat(page.locator("#checklist-summary")).containsText("done", new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            // no second visit to the picker: the identity provider's session signs the console port in
            var console = page.navigate(management("/actuator/hawtio/"));
            assertThat(console.status()).isEqualTo(403);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Operators only"))).isVisible();
            assertThat(page.content()).contains("an organization's admin or agent is not one").doesNotContain("<title>Hawtio");
        }
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(management("/actuator/hawtio/"));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in as operator").setExact(true)).click();
            page.waitForURL("**/actuator/hawtio/**");
            assertThat(page).hasTitle(Pattern.compile("Hawtio"), new PageAssertions.HasTitleOptions().setTimeout(TIMEOUT_MS));
        }
    }

    @Test
    void revokingOnThePageRefusesTheOldCredentialsNextWebhookAndStopsTheNextNote() {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        int amsRequests = epic.received().size();
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = signInWithToken(context, hub("/settings/"), adminToken(tenant));
            page.onDialog(dialog -> dialog.accept());
            Locator dialpad = page.locator("#provider-accounts li[data-provider=dialpad]");
            Locator zoom = page.locator("#provider-accounts li[data-provider=zoom]");
            assertThat(dialpad).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(TIMEOUT_MS));

            dialpad.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Remove "))).click();
            assertThat(page.locator("#providers-result")).containsText("removed", new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            assertThat(dialpad).hasCount(0);
            var removed = send(tenant, "dialpad", "dialpad", "inbound-completed.json");
            assertThat(removed.statusCode()).as(removed.body()).isIn(401, 404);
            assertThat(removed.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));

            zoom.getByLabel(Pattern.compile("webhook secret$")).fill("zm_rotated_on_the_page_81d2");
            zoom.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Rotate the .* secret$"))).click();
            assertThat(page.locator("#providers-result")).containsText("secret is replaced", new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            var oldSecret = send(tenant, "zoom", "zoom", "inbound-completed.json");
            assertThat(oldSecret.statusCode()).as(oldSecret.body()).isEqualTo(401);
            assertThat(oldSecret.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove AMS connection")).click();
            assertThat(page.locator("#ams-current")).containsText("No AMS connected", new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            assertThat(page.locator("#checklist-items li[data-item=ams]")).hasClass("todo");

            // the new secret works, the call is kept, and no note is written anywhere
            SampleSender.SignedRequest signed = SampleSender.sign("zoom", fixture("zoom", "inbound-completed.json"),
                    "zm_rotated_on_the_page_81d2", Instant.now());
            var accepted = post("/webhooks/zoom/" + tenant.endpointKey("zoom"), signed.body(), signed.headers());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            awaitProcessed(tenant);
            assertThat(calls(tenant)).isEqualTo(1);
            assertThat(syncs(tenant)).as("no note is due without an AMS connection").isEmpty();
            assertThat(epic.received()).as("the sandbox AMS was not called").hasSize(amsRequests);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Refresh the recent notes")).click();
            assertThat(page.locator("#ams-notes-summary")).hasText("No note yet: notes appear after the first calls.");
        }
    }

    @Test
    void exportDownloadsTheOrganizationsDataAndDeletionWaitsForTheTypedConfirmation() throws Exception {
        TestTenant tenant = newTenant();
        assertThat(send(tenant, "dialpad", "dialpad", "inbound-completed.json").statusCode()).isEqualTo(200);
        awaitProcessed(tenant);
        try (BrowserContext context = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setAcceptDownloads(true))) {
            Page page = signInWithToken(context, hub("/settings/"), adminToken(tenant));
            Download download = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Download all data (JSON)")).click());
            assertThat(download.failure()).isNull();
            assertThat(download.suggestedFilename()).matches("callintel-export-\\d{4}-\\d{2}-\\d{2}\\.json");
            JsonNode export = new ObjectMapper().readTree(Files.readAllBytes(download.path()));
            assertThat(export.path("organization").get(0).path("id").asText()).isEqualTo(tenant.orgId().toString());
            assertThat(export.path("calls")).hasSize(1);
            assertThat(export.path("calls").get(0).path("provider_call_id").asText()).isEqualTo("6263000000000001");
            assertThat(page.locator("#export-result")).containsText("Downloaded");

            Locator confirm = page.getByLabel("Type delete-everything to confirm");
            Locator delete = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete the organization"));
            assertThat(delete).isDisabled();
            confirm.fill("delete everything");
            assertThat(delete).isDisabled();
            page.locator("#delete-form").evaluate("form => form.requestSubmit()"); // past the disabled button
            assertThat(page.locator("#delete-result")).hasText("Type delete-everything to confirm.");
            assertThat((Integer) page.evaluate("fetch('/session', {headers: {Accept: 'application/json'}}).then(r => r.json())"
                    + ".then(s => fetch('/api/admin/organization?confirm=delete%20everything', {method: 'DELETE',"
                    + " headers: {[s.csrf.header]: s.csrf.token}})).then(r => r.status)")).as("the API refuses it too").isBetween(400, 499);
            assertThat(organizations(tenant)).isEqualTo(1);

            confirm.fill("delete-everything");
            assertThat(delete).isEnabled();
            delete.click();
            assertThat(page.locator("#delete-result")).containsText("are deleted", new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            page.waitForURL("**/signed-out/**");
        }
        assertThat(organizations(tenant)).isZero();
        assertThat(calls(tenant)).isZero();
    }

    /** Opens {@code url}, signs in at the identity provider's page as the user of {@code token}, and waits to be back. */
    static Page signInWithToken(BrowserContext context, String url, String token) {
        Page page = context.newPage();
        page.navigate(url);
        page.getByLabel("Or the user of a token of this issuer").fill(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with this token")).click();
        page.waitForURL(url.replaceFirst("^https?://[^/]+", "**") + "**");
        return page;
    }

    private long organizations(TestTenant tenant) {
        return jdbc.sql("select count(*) from organization where id = :id").param("id", tenant.orgId()).query(Long.class).single();
    }

    private String hub(String path) {
        return "http://localhost:" + port + path;
    }

    private String management(String path) {
        return "http://localhost:" + managementPort + path;
    }
}
