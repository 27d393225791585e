package com.callintel.hub.access;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.support.BrowserSupport;
import com.callintel.hub.support.HubIntegrationTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One sign-in, in real headless Chromium: the hub's pages and the Hawtio console send the browser to the identity
 * provider's page (OpenID Connect code + PKCE); a brand-new organization's admin lands in the hub with the
 * organization created; one sign-in at the identity provider serves both ports; the console admits operators only;
 * sign-out ends both sessions; a session-authenticated change without the CSRF token is refused.
 */
class BrowserSignInTest extends HubIntegrationTest {

    private static final double TIMEOUT_MS = 30_000;

    @LocalManagementPort
    int managementPort;

    @Autowired
    OrganizationIds organizationIds;

    @Test
    void adminOfABrandNewOrganizationSignsInThroughTheIdentityProviderAndLandsInTheHubWithItCreated() {
        String external = OnboardingTest.newExternalOrganization();
        String founder = identityProvider.sign(Map.of("sub", "user_2founder" + UUID.randomUUID().toString().substring(0, 8),
                "email", "founder@harbor-point.test", "org_id", external, "org_role", "org:admin",
                "org_name", "Harbor Point Insurance"), Duration.ofMinutes(5));
        try (BrowserSupport chromium = BrowserSupport.launch(); BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(hub("/dashboard/"));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to CallIntel"))).isVisible();
            page.getByLabel("Or the user of a token of this issuer").fill(founder);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with this token")).click();

            page.waitForURL("**/dashboard/**");
            assertThat(page.locator("#org-line")).containsText("founder@harbor-point.test",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
            page.screenshot(new Page.ScreenshotOptions().setPath(BrowserSupport.screenshot("sign-in-new-organization")));

            Cookie session = context.cookies(hub("/")).stream().filter(c -> c.name.equals("CALLINTEL_SESSION")).findFirst().orElseThrow();
            assertThat(session.httpOnly).as("HttpOnly").isTrue();
            assertThat(session.sameSite).isEqualTo(SameSiteAttribute.LAX);
        }
        UUID orgId = organizationIds.internalId(external).orElseThrow();
        assertThat(jdbc.sql("select name, default_region, time_zone from organization where id = :id").param("id", orgId)
                .query().singleRow()).containsEntry("name", "Harbor Point Insurance").containsEntry("default_region", "US")
                .containsEntry("time_zone", "America/Chicago");
        assertThat(jdbc.sql("select count(*) from audit_log where org_id = :id and action = 'organization.onboarded'")
                .param("id", orgId).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void agentOfAnOrganizationNoAdminHasSetUpSeesAPageSayingSo() {
        String external = OnboardingTest.newExternalOrganization();
        String agent = identityProvider.sign(Map.of("sub", "user_2early", "org_id", external, "org_role", "org:member"),
                Duration.ofMinutes(5));
        try (BrowserSupport chromium = BrowserSupport.launch(); BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(hub("/console/"));
            page.getByLabel("Or the user of a token of this issuer").fill(agent);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with this token")).click();

            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your admin has not set up CallIntel yet")))
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(TIMEOUT_MS));
        }
        assertThat(organizationIds.internalId(external)).isEmpty();
    }

    @Test
    void agentSignedInOnceCannotOpenHawtioWhileAnOperatorsSameSignInOpensIt() {
        try (BrowserSupport chromium = BrowserSupport.launch()) {
            try (BrowserContext context = chromium.browser().newContext()) {
                Page page = signInToTheConsoleAs(context, "agent");
                assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Connected: waiting for calls.",
                        new LocatorAssertions.HasTextOptions().setTimeout(TIMEOUT_MS));
                // no second visit to the picker: the identity provider's session signs the console port in
                var answer = page.navigate(management("/actuator/hawtio/"));
                assertThat(answer.status()).isEqualTo(403);
                assertThat(page.content()).contains("not-an-operator").doesNotContain("<title>Hawtio");
            }
            try (BrowserContext context = chromium.browser().newContext()) {
                Page page = signInToTheConsoleAs(context, "operator");
                assertThat(page.locator("#sign-in-error")).containsText("platform operator",
                        new LocatorAssertions.ContainsTextOptions().setTimeout(TIMEOUT_MS));
                var answer = page.navigate(management("/actuator/hawtio/"));
                assertThat(answer.status()).isEqualTo(200);
                assertThat(page.title()).contains("Hawtio");
                assertThat(context.cookies(management("/")).stream().map(c -> c.name))
                        .as("the console port keeps a session of its own").contains("CALLINTEL_CONSOLE_SESSION");
            }
        }
    }

    @Test
    void signOutEndsTheHubsSessionAndTheIdentityProviders() {
        try (BrowserSupport chromium = BrowserSupport.launch(); BrowserContext context = chromium.browser().newContext()) {
            Page page = signInToTheConsoleAs(context, "agent");
            assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Connected: waiting for calls.",
                    new LocatorAssertions.HasTextOptions().setTimeout(TIMEOUT_MS));

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            page.waitForURL("**/signed-out/**");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You are signed out"))).isVisible();
            assertThat((Integer) page.evaluate("fetch('/session', {headers: {Accept: 'application/json'}}).then(r => r.status)"))
                    .as("the hub's session is over").isEqualTo(401);

            page.navigate(hub("/console/"));
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in as agent").setExact(true)))
                    .isVisible();
        }
    }

    @Test
    void sessionAuthenticatedChangesNeedTheSessionsCsrfToken() {
        try (BrowserSupport chromium = BrowserSupport.launch(); BrowserContext context = chromium.browser().newContext()) {
            Page page = signInToTheConsoleAs(context, "agent");
            assertThat(page.getByRole(AriaRole.STATUS).first()).hasText("Connected: waiting for calls.",
                    new LocatorAssertions.HasTextOptions().setTimeout(TIMEOUT_MS));

            assertThat((Integer) page.evaluate("fetch('/api/screen-pops/stream-ticket', {method: 'POST'}).then(r => r.status)"))
                    .as("no CSRF token").isEqualTo(403);
            assertThat((Integer) page.evaluate("fetch('/api/screen-pops/stream-ticket', {method: 'POST',"
                    + " headers: {'X-CSRF-TOKEN': 'forged'}}).then(r => r.status)")).as("a wrong one").isEqualTo(403);
            assertThat((Integer) page.evaluate("fetch('/session', {headers: {Accept: 'application/json'}}).then(r => r.json())"
                    + ".then(s => fetch('/api/screen-pops/stream-ticket', {method: 'POST', headers: {[s.csrf.header]: s.csrf.token}}))"
                    + ".then(r => r.status)")).as("the session's token").isEqualTo(201);
        }
    }

    /** Opens the agent console, picks a demo user at the identity provider's page, and lands back in the console. */
    private Page signInToTheConsoleAs(BrowserContext context, String demoUser) {
        Page page = context.newPage();
        page.navigate(hub("/console/"));
        if ("agent".equals(demoUser)) {
            // an agent of a tenant of its own: the demo agent's screen-pop streams are capped per user (3)
            page.getByLabel("Or the user of a token of this issuer").fill(agentToken(newTenant()));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with this token")).click();
            page.waitForURL("**/console/**");
            return page;
        }
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in as " + demoUser).setExact(true)).click();
        page.waitForURL("**/console/**");
        return page;
    }

    private String hub(String path) {
        return "http://localhost:" + port + path;
    }

    private String management(String path) {
        return "http://localhost:" + managementPort + path;
    }
}
