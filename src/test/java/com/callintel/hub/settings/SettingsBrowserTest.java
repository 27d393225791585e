package com.callintel.hub.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.access.OrganizationIds;
import com.callintel.hub.support.BrowserSupport;
import com.callintel.hub.support.HubIntegrationTest;
import com.callintel.hub.tenancy.ProviderAccountView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Settings page in real headless Chromium: a brand-new organization's admin signs in through the identity
 * provider's page, sees what is left to set up, corrects the organization's details (the checklist follows), adds a
 * Dialpad account and gets its webhook URL and Dialpad's own steps; the page works with the keyboard alone; an agent
 * is refused. Each section is photographed into {@code target/settings-screenshots/}.
 */
class SettingsBrowserTest extends HubIntegrationTest {

    private static final double TIMEOUT_MS = 30_000;
    private static final Path SCREENSHOTS = Path.of("target", "settings-screenshots");
    private static final List<String> SECTIONS = List.of("checklist", "organization", "providers", "ams", "team", "privacy", "audit");

    @Autowired
    OrganizationIds organizationIds;
    @Autowired
    ObjectMapper mapper;

    @Test
    void newOrganizationsAdminFollowsTheChecklistToSetTheAlertMailAndConnectDialpad() throws Exception {
        String external = "org_settings" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String founder = identityProvider.sign(Map.of("sub", "user_2settings" + UUID.randomUUID().toString().substring(0, 8),
                "email", "founder@lakeshore.test", "org_id", external, "org_role", "org:admin",
                "org_name", "Lakeshore Insurance"), Duration.ofMinutes(10));
        try (BrowserSupport chromium = BrowserSupport.launch();
             BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1366, 900))) {
            Page page = context.newPage();
            page.navigate(hub("/settings/"));
            page.getByLabel("Or the user of a token of this issuer").fill(founder);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with this token")).click();
            page.waitForURL("**/settings/**");

            // a new organization: the checklist has work left, the alert mail among it
            Locator alertItem = page.locator("#checklist-items li[data-section=organization]");
            assertThat(alertItem).hasClass("todo", new LocatorAssertions.HasClassOptions().setTimeout(TIMEOUT_MS));
            assertThat(page.locator("#checklist-items li.todo").first()).isVisible();
            assertThat(page.getByLabel("Agency name")).hasValue("Lakeshore Insurance");
            shoot(page, "checklist");

            page.getByLabel("Alert email").fill("alerts@lakeshore.test");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save organization")).click();
            assertThat(page.locator("#organization-result")).hasText("Saved.");
            assertThat(alertItem).hasClass("done", new LocatorAssertions.HasClassOptions().setTimeout(TIMEOUT_MS));
            UUID orgId = organizationIds.internalId(external).orElseThrow();
            assertThat(tenants.alertEmail(orgId)).contains("alerts@lakeshore.test");
            shoot(page, "organization");

            Locator providers = page.locator("#providers");
            providers.getByLabel("Provider", new Locator.GetByLabelOptions().setExact(true)).selectOption("dialpad");
            page.locator("#provider-form").getByLabel("Webhook secret").fill("dp_settings_secret_9a7c");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add provider account")).click();
            Locator dialpad = page.locator("#provider-accounts li[data-provider=dialpad]");
            assertThat(dialpad).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(TIMEOUT_MS));

            ProviderAccountView account = tenants.listProviderAccounts(orgId).stream()
                    .filter(a -> a.provider().equals("dialpad")).findFirst().orElseThrow();
            assertThat(dialpad.getByRole(AriaRole.TEXTBOX, new Locator.GetByRoleOptions().setName("Webhook URL"))).hasValue(hub("/webhooks/dialpad/" + account.endpointKey()));
            List<String> steps = setupOf(founder, "dialpad", "steps");
            assertThat(steps).as("Dialpad's connector file brings its steps").isNotEmpty();
            assertThat(dialpad.locator("ol.steps > li")).hasText(steps.toArray(String[]::new));
            assertThat(dialpad.locator("ul.events > li")).hasText(setupOf(founder, "dialpad", "events").toArray(String[]::new));
            shoot(page, "providers");

            // the sandbox Applied Epic, entered on the page; Test connection looks a client's number up live
            Locator ams = page.locator("#ams");
            ams.getByLabel("AMS", new Locator.GetByLabelOptions().setExact(true)).selectOption("applied-epic");
            ams.getByLabel("Address of its API").fill(epic.baseUrl());
            ams.getByLabel("Activity code").fill("65536");
            ams.getByLabel("Credential value").nth(0).fill("fake-client-id-0001");
            ams.getByLabel("Credential value").nth(1).fill("fake-client-secret-0001");
            ams.getByLabel("Connector settings").fill("{\"agencyId\":\"a1a1a1a1-0000-4000-8000-000000000001\","
                    + "\"branchId\":\"b2b2b2b2-0000-4000-8000-000000000002\",\"tokenUrl\":\"" + epic.tokenUrl() + "\"}");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save AMS connection")).click();
            assertThat(page.locator("#ams-result")).containsText("Saved.", new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            assertThat(ams.getByLabel("Credential value").nth(1)).hasValue(""); // write-only: never shown back
            ams.getByLabel("Phone number to look up").fill("+1 555 555 0123");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test connection")).click();
            assertThat(page.locator("#ams-test-result")).containsText("Marcus Bell", new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            assertThat(page.locator("#ams-test-result")).containsText("AMS id 1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7101");
            assertThat(page.locator("#checklist-items li[data-item=ams]")).hasClass("done", new LocatorAssertions.HasClassOptions().setTimeout(TIMEOUT_MS));

            for (String section : SECTIONS.subList(3, SECTIONS.size())) {
                shoot(page, section);
            }

            keyboardReachesEverySectionsFirstControl(page);
        }
    }

    @Test
    void agentIsRefusedAtTheSettingsPage() {
        String agent = agentToken(newTenant());
        try (BrowserSupport chromium = BrowserSupport.launch(); BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(hub("/settings/"));
            page.getByLabel("Or the user of a token of this issuer").fill(agent);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with this token")).click();
            page.waitForURL("**/settings/**");

            var answer = page.navigate(hub("/settings/"));
            assertThat(answer.status()).isEqualTo(403);
            assertThat(page.content()).doesNotContain("Setup checklist");
            assertThat(page.navigate(hub("/settings/settings.js")).status()).isEqualTo(403);
        }
    }

    /**
     * From the top of the page, Tab alone reaches each section's first control, in the page's order, and every
     * control it stops at has a name a screen reader announces (a label, or a button's or link's text).
     */
    private void keyboardReachesEverySectionsFirstControl(Page page) {
        page.reload();
        assertThat(page.locator("#provider-accounts li[data-provider=dialpad]"))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(TIMEOUT_MS));
        @SuppressWarnings("unchecked")
        List<String> firsts = (List<String>) page.evaluate("sections => sections.map(id => {"
                + " const first = [...document.getElementById(id).querySelectorAll("
                + "  'a[href], button:not([disabled]), input:not([type=hidden]), select, textarea')]"
                + "  .find(c => c.getAttribute('tabindex') !== '-1' && c.checkVisibility());"
                + " return first ? first.id : null; })", SECTIONS);
        assertThat(firsts).as("each section has a control with an id").doesNotContainNull().hasSize(SECTIONS.size());

        List<String> visited = new ArrayList<>();
        List<String> unnamed = new ArrayList<>();
        for (int i = 0; i < 400 && !visited.contains(firsts.get(firsts.size() - 1)); i++) {
            page.keyboard().press("Tab");
            @SuppressWarnings("unchecked")
            Map<String, Object> focused = (Map<String, Object>) page.evaluate("() => { const e = document.activeElement;"
                    + " const name = (e.labels && e.labels.length ? e.labels[0].textContent"
                    + "  : e.getAttribute('aria-label') || (/^(A|BUTTON)$/.test(e.tagName) ? e.textContent : '')).trim();"
                    + " return {id: e.id || e.tagName + ':' + e.textContent.trim().slice(0, 30), name: name}; }");
            visited.add((String) focused.get("id"));
            if (((String) focused.get("name")).isEmpty()) {
                unnamed.add((String) focused.get("id"));
            }
        }
        assertThat(visited).as("Tab reaches each section's first control").containsSubsequence(firsts);
        assertThat(unnamed).as("controls without a label or text").isEmpty();
    }

    /** What the connectors API says a provider's setup is (the connector file's metadata). */
    private List<String> setupOf(String token, String provider, String part) throws Exception {
        var answer = call("GET", "/api/admin/connectors", token, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<String> texts = new ArrayList<>();
        for (JsonNode connector : mapper.readTree(answer.body())) {
            if (connector.path("provider").asText().equals(provider)) {
                connector.path("setup").path(part).forEach(item -> texts.add(item.isTextual() ? item.asText()
                        : item.path("text").asText(item.path("title").asText(item.path("name").asText(item.path("event").asText())))));
            }
        }
        return texts;
    }

    private static void shoot(Page page, String section) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        page.locator("#" + section).screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve(section + ".png")));
    }

    private String hub(String path) {
        return "http://localhost:" + port + path;
    }
}
