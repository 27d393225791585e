package com.callintel.hub.settings;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.callintel.hub.access.OrganizationIds;
import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.support.BrowserSupport;
import com.callintel.hub.support.HubIntegrationTest;
import com.callintel.hub.support.OidcBrowserFlow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Settings page in real headless Chromium: a brand-new agency's admin signs in at the identity provider's own
 * page, follows the checklist to green (Dialpad connected by a signed webhook to the URL the page shows, the
 * sandbox AMS tested, an agent mapped from the users seen, the alert mail set) and sees the first note land; the
 * page works with the keyboard alone. Each section is photographed ({@code -Dcallintel.screenshots=docs/screenshots}
 * writes the committed ones; otherwise into {@code target/settings-screenshots/}).
 */
class SettingsBrowserTest extends HubIntegrationTest {

    static final double TIMEOUT_MS = 30_000;
    private static final Path SCREENSHOTS = Path.of(System.getProperty("callintel.screenshots", "target/settings-screenshots"));
    private static final List<String> SECTIONS = List.of("checklist", "organization", "providers", "ams", "team", "ai", "privacy", "audit",
            "support");
    private static final String MARCUS_BELL = "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7101"; // the sandbox client of +1 555 555 0123

    private static BrowserSupport chromium;

    @Autowired
    OrganizationIds organizationIds;
    @Autowired
    ObjectMapper mapper;

    @BeforeAll
    static void launch() {
        chromium = BrowserSupport.launch();
    }

    @AfterAll
    static void close() {
        chromium.close();
    }

    @Test
    void newAgencysAdminFollowsTheChecklistToGreenAndSeesTheFirstNoteLand() throws Exception {
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800)
                .setPermissions(List.of("clipboard-read", "clipboard-write")))) {
            Page page = context.newPage();
            page.navigate(hub("/settings/"));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in as new-admin").setExact(true)).click();
            page.waitForURL("**/settings/**");
            Locator summary = page.locator("#checklist-summary");
            assertThat(summary).hasText("0 of 4 done.", new LocatorAssertions.HasTextOptions().setTimeout(TIMEOUT_MS));
            assertThat(page.getByLabel("Agency name")).hasValue("New Agency");
            UUID orgId = organizationIds.internalId("org_2NewAgencyDemo").orElseThrow();

            // Dialpad: the account, its webhook URL copied with the page's button, Dialpad's own steps and events
            page.locator("#providers").getByLabel("Provider", new Locator.GetByLabelOptions().setExact(true)).selectOption("dialpad");
            page.locator("#provider-form").getByLabel("Webhook secret").fill("dp_new_agency_secret_41c7");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add provider account")).click();
            Locator dialpad = page.locator("#provider-accounts li[data-provider=dialpad]");
            assertThat(dialpad).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(TIMEOUT_MS));
            dialpad.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy the Dialpad webhook URL")).click();
            assertThat(page.locator("#providers-result")).containsText("copied");
            String webhookUrl = (String) page.evaluate("navigator.clipboard.readText()");
            String endpointKey = tenants.listProviderAccounts(orgId).get(0).endpointKey();
            assertThat(webhookUrl).isEqualTo(hub("/webhooks/dialpad/" + endpointKey));
            assertThat(dialpad.locator("ol.steps > li")).hasText(setupOf("dialpad", "steps").toArray(String[]::new));
            assertThat(dialpad.locator("ul.events > li")).hasText(setupOf("dialpad", "events").toArray(String[]::new));

            // the sandbox Applied Epic, entered on the page; Test connection looks a client's number up live
            Locator ams = page.locator("#ams");
            ams.getByLabel("AMS", new Locator.GetByLabelOptions().setExact(true)).selectOption("applied-epic");
            ams.getByLabel("Address of its API").fill(epic.baseUrl());
            ams.getByLabel("Activity code").fill("65536");
            ams.getByLabel("Credential value of clientId").fill("fake-client-id-0001");
            ams.getByLabel("Credential value of clientSecret").fill("fake-client-secret-0001");
            ams.getByLabel("Connector settings").fill("{\"agencyId\":\"a1a1a1a1-0000-4000-8000-000000000001\","
                    + "\"branchId\":\"b2b2b2b2-0000-4000-8000-000000000002\",\"tokenUrl\":\"" + epic.tokenUrl() + "\"}");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save AMS connection")).click();
            assertThat(page.locator("#ams-result")).containsText("Saved.", new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            assertThat(ams.getByLabel("Credential value of clientSecret")).hasValue(""); // write-only: never shown back
            ams.getByLabel("Phone number to look up").fill("+1 555 555 0123");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test connection")).click();
            assertThat(page.locator("#ams-test-result")).containsText("Marcus Bell", new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            assertThat(page.locator("#ams-test-result")).containsText("AMS id " + MARCUS_BELL);

            // Dialpad's first webhook: a signed sample call with Marcus Bell, sent to the URL the page gave
            SampleSender.SignedRequest signed = SampleSender.sign("dialpad", fixture("dialpad", "inbound-completed.json"),
                    "dp_new_agency_secret_41c7", Instant.now());
            assertThat(post(URI.create(webhookUrl).getPath(), signed.body(), signed.headers()).statusCode()).isEqualTo(200);
            awaitProcessed(new TestTenant(orgId, Map.of()));
            page.reload(); // the admin comes back to the page after the first call

            // the team: the Dialpad user of that call, picked from the users seen
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Map .*5120000000000001"))).click();
            assertThat(page.getByLabel("Provider user id")).hasValue("5120000000000001");
            assertThat(page.getByLabel(Pattern.compile("^Member id"))).isFocused();
            page.getByLabel(Pattern.compile("^Member id")).fill("user_dana_new_agency");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Map this agent")).click();
            assertThat(page.locator("#team-result")).hasText("Mapped user_dana_new_agency.");

            // an admin who has since left the agency signed in once, so the hub mails them too
            OidcBrowserFlow.signInToTheHub(port, identityProvider.sign(Map.of("sub", "user_former_new_agency",
                    "org_id", "org_2NewAgencyDemo", "org_role", "org:admin", "email", "former@new-agency.test"), Duration.ofMinutes(5)));
            page.getByLabel(Pattern.compile("^Alert email")).fill("alerts@new-agency.test");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save organization")).click();
            assertThat(page.locator("#organization-result")).hasText("Saved.");
            // who the notices reach: the admins who signed in with an address, and the alert email (another address)
            Locator recipients = page.locator("#notice-recipients");
            assertThat(recipients).containsText("owner@new-agency.test (admin)");
            assertThat(recipients).containsText("former@new-agency.test (admin)");
            assertThat(recipients).containsText("alerts@new-agency.test (alert email)");
            assertThat(recipients.getByRole(AriaRole.BUTTON)).hasCount(2); // the alert email is changed above, not removed
            List<String> asked = new ArrayList<>();
            page.onceDialog(dialog -> {
                asked.add(dialog.message());
                dialog.accept();
            });
            recipients.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove former@new-agency.test from the notices")).click();
            assertThat(page.locator("#organization-result")).hasText("former@new-agency.test no longer receives notices.");
            assertThat(recipients).not().containsText("former@new-agency.test");
            assertThat(recipients).containsText("owner@new-agency.test (admin)");
            assertThat(asked).singleElement().asString().contains("added back the next time they sign in");

            assertThat(summary).hasText("All set: 4 of 4 done.", new LocatorAssertions.HasTextOptions().setTimeout(TIMEOUT_MS));
            assertThat(page.locator("#checklist-items li.done")).hasCount(4);

            // the first note lands: in the sandbox AMS, and on the page
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql(
                    "select count(*) from ams_sync where org_id = :org and status = 'synced'").param("org", orgId)
                    .query(Long.class).single() == 1);
            assertThat(epic.created()).filteredOn(r -> r.kind() == CreatedRecord.Kind.ACTIVITY)
                    .singleElement().satisfies(activity -> assertThat(activity.clientId()).isEqualTo(MARCUS_BELL));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Refresh the recent notes")).click();
            Locator note = page.locator("#ams-notes li").first();
            assertThat(note).hasAttribute("data-status", "synced", new LocatorAssertions.HasAttributeOptions().setTimeout(TIMEOUT_MS));
            assertThat(note).containsText("Call note — written");
            assertThat(note).containsText(MARCUS_BELL);

            page.locator("#audit-refresh").click();
            for (String section : SECTIONS) {
                shoot(page, section);
            }
        }
    }

    @Test
    void anAdminSwitchesAiAnalysisOnWithAKeyThePageNeverShowsAgain() throws Exception {
        TestTenant tenant = newTenant();
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800))) {
            Page page = SettingsAccessBrowserTest.signInWithToken(context, hub("/settings/"), adminToken(tenant));
            Locator ai = page.locator("#ai");
            assertThat(ai.locator("#ai-usage")).containsText("0 calls analysed", new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            assertThat(ai.getByLabel("Analyse calls")).not().isChecked();

            ai.getByLabel("Analyse calls").check();
            ai.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save AI analysis")).click();
            assertThat(page.locator("#ai-result")).containsText("apiKey");

            ai.getByLabel("Anthropic API key").fill("sk-ant-settings-page-7");
            ai.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save AI analysis")).click();
            assertThat(page.locator("#ai-result")).hasText("Saved: calls with a transcript are analysed.");
            assertThat(ai.getByLabel("Anthropic API key")).hasValue("");
            assertThat(ai.getByLabel("Anthropic API key")).hasAttribute("placeholder", "set (leave empty to keep it)");
            assertThat(jdbc.sql("select enabled from ai_setting where org_id = :org").param("org", tenant.orgId())
                    .query(Boolean.class).single()).isTrue();
            org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain("sk-ant-settings-page-7");
            shoot(page, "ai");
        }
    }

    @Test
    void keyboardAloneWorksThePageWithEveryControlLabelledAndFocusVisibleInTheSectionsOrder() {
        TestTenant tenant = newTenant();
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800))) {
            Page page = SettingsAccessBrowserTest.signInWithToken(context, hub("/settings/"), adminToken(tenant));
            assertThat(page.locator("#provider-accounts li[data-provider=dialpad]"))
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(TIMEOUT_MS));
            assertThat(page.locator("#audit-summary")).containsText("entr", new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));

            List<TabStop> stops = tabThrough(page);
            assertThat(stops).as("Tab reaches the page's controls").hasSizeGreaterThan(40).extracting(TabStop::id)
                    .contains("org-name", "provider-secret", "ams-base-url", "ams-test-number", "team-member", "export-download",
                            "delete-confirm", "audit-text");

            List<String> sections = new ArrayList<>();
            stops.stream().map(TabStop::section).filter(s -> !s.isEmpty())
                    .forEach(s -> { if (sections.isEmpty() || !sections.get(sections.size() - 1).equals(s)) { sections.add(s); } });
            assertThat(sections).as("focus moves through the sections in the page's order, once").isEqualTo(SECTIONS);

            List<String> unlabelled = new ArrayList<>();
            List<String> noFocusMark = new ArrayList<>();
            List<String> upwards = new ArrayList<>();
            for (int i = 0; i < stops.size(); i++) {
                TabStop stop = stops.get(i);
                boolean field = List.of("INPUT", "SELECT", "TEXTAREA").contains(stop.tag());
                if (stop.name().isBlank() || field && page.getByLabel(stop.name(), new Page.GetByLabelOptions().setExact(true))
                        .and(page.locator("[id='" + stop.id() + "']")).count() != 1) {
                    unlabelled.add(stop.id() + " '" + stop.name() + "'");
                }
                if (!stop.focusVisible()) {
                    noFocusMark.add(stop.id());
                }
                if (i > 0 && !stop.section().isEmpty() && stop.section().equals(stops.get(i - 1).section())
                        && stop.top() < stops.get(i - 1).top() - 12) {
                    upwards.add(stops.get(i - 1).id() + " -> " + stop.id());
                }
            }
            assertThat(unlabelled).as("controls Playwright's getByLabel (or a button's name) does not find").isEmpty();
            assertThat(noFocusMark).as("controls without a visible focus mark").isEmpty();
            assertThat(upwards).as("within a section, focus never jumps back up the page").isEmpty();

            // operated by keys: a section link moves the focus, Space presses a button, Enter submits a form
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("AMS connection")).focus();
            page.keyboard().press("Enter");
            assertThat(page.locator("#ams")).isFocused();
            int credentials = page.locator("#ams-credentials .credential").count();
            page.locator("#ams-add-credential").focus();
            page.keyboard().press("Space");
            assertThat(page.locator("#ams-credentials .credential")).hasCount(credentials + 1);
            assertThat(page.locator("#ams-credentials .credential").last().locator("input").first()).isFocused();
            page.getByLabel(Pattern.compile("^Alert email")).focus();
            page.keyboard().type("desk@keyboard.test");
            page.keyboard().press("Tab");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save organization"))).isFocused();
            page.keyboard().press("Enter");
            assertThat(page.locator("#organization-result")).hasText("Saved.");
            assertThat(tenants.alertEmail(tenant.orgId())).contains("desk@keyboard.test");
        }
    }

    /** One place Tab stopped: the control, its section, the name it is announced by, where it is, its focus mark. */
    record TabStop(String id, String tag, String section, String name, double top, boolean focusVisible) {
    }

    /** Presses Tab from the top of the page until the focus leaves the page or comes back round. */
    @SuppressWarnings("unchecked")
    private static List<TabStop> tabThrough(Page page) {
        page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }");
        List<TabStop> stops = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            page.keyboard().press("Tab");
            Map<String, Object> at = (Map<String, Object>) page.evaluate("() => { const e = document.activeElement;"
                    + " if (!e || e === document.body) return null;"
                    + " const section = e.closest('section.panel');"
                    + " const name = (e.labels && e.labels.length ? e.labels[0].textContent"
                    + "  : e.getAttribute('aria-label') || (/^(A|BUTTON)$/.test(e.tagName) ? e.textContent : '')).replace(/\\s+/g, ' ').trim();"
                    + " const style = getComputedStyle(e);"
                    + " const marked = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';"
                    + " return {id: e.id || e.tagName + ':' + e.textContent.trim().slice(0, 40), tag: e.tagName,"
                    + "  section: section ? section.id : '', name: name,"
                    + "  top: e.getBoundingClientRect().top + window.scrollY, marked: marked}; }");
            if (at == null || !stops.isEmpty() && stops.get(0).id().equals(at.get("id"))) {
                break;
            }
            stops.add(new TabStop((String) at.get("id"), (String) at.get("tag"), (String) at.get("section"),
                    (String) at.get("name"), ((Number) at.get("top")).doubleValue(), (Boolean) at.get("marked")));
        }
        return stops;
    }

    /** What the connectors API says a provider's setup is (the connector file's metadata). */
    private List<String> setupOf(String provider, String part) throws Exception {
        String admin = identityProvider.sign(Map.of("sub", "user_new_agency_admin", "org_id", "org_2NewAgencyDemo",
                "org_role", "org:admin"), Duration.ofMinutes(5));
        var answer = call("GET", "/api/admin/connectors", admin, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<String> texts = new ArrayList<>();
        for (JsonNode connector : mapper.readTree(answer.body())) {
            if (connector.path("provider").asText().equals(provider)) {
                connector.path("setup").path(part).forEach(item -> texts.add(item.isTextual() ? item.asText()
                        : item.path("text").asText(item.path("title").asText(item.path("name").asText(item.path("event").asText())))));
            }
        }
        assertThat(texts).as(provider + "'s connector file brings its " + part).isNotEmpty();
        return texts;
    }

    /** The section from its top, at most the 1280x800 viewport's height of it (a long audit log is cut). */
    private static void shoot(Page page, String section) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Locator panel = page.locator("#" + section);
        panel.evaluate("e => e.scrollIntoView()");
        var box = panel.boundingBox();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("settings-" + section + ".png"))
                .setClip(box.x, box.y, box.width, Math.min(box.height, 800 - box.y)));
    }

    private String hub(String path) {
        return "http://localhost:" + port + path;
    }
}
