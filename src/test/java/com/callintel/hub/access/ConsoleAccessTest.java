package com.callintel.hub.access;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.callintel.hub.support.BrowserSupport;
import com.callintel.hub.support.HttpClientSupport;
import com.callintel.hub.support.HubIntegrationTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import static com.callintel.hub.support.HttpClientSupport.browser;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Hawtio console and Jolokia, on the management port, admit the platform's operators and nobody else (an
 * agency's admin is no operator), and even an operator reaches only the Camel operations the console needs.
 */
@DisableJmx(false)
// a context of its own: @DisableJmx does not take part in Spring's context cache key
@TestPropertySource(properties = {"spring.jmx.enabled=true", "callintel.access.operators=" + ConsoleAccessTest.OPERATOR})
class ConsoleAccessTest extends HubIntegrationTest {

    static final String OPERATOR = "user_platform_operator";
    private static final String ROUTE = "org.apache.camel:context=callintel-hub,type=routes,name=\\\"api-messages-list\\\"";
    private static final String[] CONSOLE_PATHS = {"/actuator/jolokia/version", "/actuator/jolokia",
            "/actuator/hawtio/jolokia/version", "/actuator/hawtio/", "/actuator/hawtio/jolokia"};

    @LocalManagementPort
    int managementPort;

    @Test
    void jolokiaRefusesAnonymousAndAgents() {
        TestTenant tenant = newTenant();
        HttpResponse<String> anonymous = HttpClientSupport.get(management("/actuator/jolokia/version"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        // an encoded letter in the path must not slip past the path matchers: refused as bad input, never a 500
        for (String encoded : new String[] {"/actuator/%6aolokia/version", "/actuator/hawtio/%6aolokia/version", "/actuator/%68awtio/"}) {
            HttpResponse<String> sneaky = HttpClientSupport.get(management(encoded));
            assertThat(sneaky.statusCode()).as(encoded).isEqualTo(400);
            assertThat(sneaky.headers().firstValue("Content-Type")).as(encoded).hasValue("application/problem+json");
            assertThat(sneaky.body()).as(encoded).doesNotContain("\"agent\"").doesNotContain("<title>Hawtio");
        }

        for (String path : CONSOLE_PATHS) {
            HttpResponse<String> agent = HttpClientSupport.get(management(path), Map.of("Authorization", "Bearer " + agentToken(tenant)));
            assertThat(agent.statusCode()).as(path).isEqualTo(403);
            assertThat(agent.body()).doesNotContain("\"agent\"");
        }
    }

    @Test
    void agencyAdminIsNoOperatorOnAnyConsolePath() throws Exception {
        TestTenant tenant = newTenant();
        for (String path : CONSOLE_PATHS) {
            HttpResponse<String> admin = HttpClientSupport.get(management(path), Map.of("Authorization", "Bearer " + adminToken(tenant)));
            assertThat(admin.statusCode()).as(path).isEqualTo(403);
            assertThat(admin.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(admin.body()).doesNotContain("\"agent\"");
        }
        for (String path : new String[] {"/actuator/jolokia", "/actuator/hawtio/jolokia"}) {
            HttpResponse<String> exec = jolokia(path, adminToken(tenant), "{\"type\":\"exec\",\"mbean\":\"" + ROUTE + "\",\"operation\":\"stop()\"}");
            assertThat(exec.statusCode()).as(path).isEqualTo(403);
            assertThat(exec.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(read(operatorToken(), ROUTE, "State")).contains("Started");
    }

    @Test
    void operatorReadsTheCamelRoutesThroughJolokia() {
        HttpResponse<String> routes = postJson(management("/actuator/jolokia"), operatorToken(),
                "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}");

        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("intake-webhook").contains("process-dispatch");
        assertThat(jolokia(operatorToken(), "{\"type\":\"list\",\"path\":\"org.apache.camel\"}")).contains("\"status\":200");
        assertThat(read(operatorToken(), ROUTE, "ExchangesTotal")).contains("\"status\":200");
    }

    @Test
    void operatorStopsAndStartsARouteThroughJolokiaAsTheConsoleDoes() throws Exception {
        TestTenant tenant = newTenant();
        assertThat(exec(operatorToken(), ROUTE, "stop()")).contains("\"status\":200");
        assertThat(read(operatorToken(), ROUTE, "State")).contains("Stopped");
        assertThat(jolokia(agentToken(tenant), "{\"type\":\"exec\",\"mbean\":\"" + ROUTE + "\",\"operation\":\"start()\"}"))
                .as("an agent cannot start it").doesNotContain("\"status\":200");

        assertThat(exec(operatorToken(), ROUTE, "start()")).contains("\"status\":200");
        assertThat(call("GET", "/api/messages", agentToken(tenant), null).statusCode()).isEqualTo(200);
    }

    @Test
    void operatorCannotDumpTheHeap(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("hub.hprof");
        String request = "{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\","
                + "\"operation\":\"dumpHeap\",\"arguments\":[\"" + dump.toString().replace("\\", "\\\\") + "\",false]}";

        assertThat(jolokia(operatorToken(), request)).doesNotContain("\"status\":200").contains("403");
        assertThat(jolokia("/actuator/hawtio/jolokia", operatorToken(), request).body()).doesNotContain("\"status\":200");
        assertThat(Files.exists(dump)).isFalse();
    }

    @Test
    void operatorCannotExecuteOverGet(@TempDir Path dir) {
        Path dump = dir.resolve("hub.hprof");
        String stop = "/exec/org.apache.camel:context=callintel-hub,type=routes,name=%22api-messages-list%22/stop()";
        String heap = "/exec/com.sun.management:type=HotSpotDiagnostic/dumpHeap/" + dump.toString().replace("/", "!/") + "/false";
        for (String path : new String[] {"/actuator/jolokia" + stop, "/actuator/hawtio/jolokia" + stop, "/actuator/jolokia" + heap,
                "/actuator/jolokia/?p=" + stop, "/actuator/%6aolokia" + stop, "/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage"}) {
            HttpResponse<String> response = HttpClientSupport.get(management(path),
                    Map.of("Authorization", "Bearer " + operatorToken(), "Origin", management("")));
            assertThat(response.statusCode()).as(path).isEqualTo(path.contains("%6a") ? 400 : 403);
            assertThat(response.body()).as(path).doesNotContain("\"status\":200");
        }
        assertThat(read(operatorToken(), ROUTE, "State")).contains("Started");
        assertThat(Files.exists(dump)).isFalse();
    }

    @Test
    void requestsFromAForeignOriginAreRefusedEvenForOperators() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(management("/actuator/jolokia")))
                .header("Authorization", "Bearer " + operatorToken()).header("Content-Type", "application/json")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"exec\",\"mbean\":\"" + ROUTE + "\",\"operation\":\"stop()\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode() + " " + response.body()).doesNotContain("\"status\":200");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(read(operatorToken(), ROUTE, "State")).contains("Started");
    }

    @Test
    void consoleProxyToOtherAgentsIsOff() {
        HttpResponse<String> proxied = HttpClientSupport.get(management("/actuator/hawtio/proxy/http/127.0.0.1/" + port + "/api/openapi.json"),
                Map.of("Authorization", "Bearer " + operatorToken()));
        assertThat(proxied.body()).doesNotContain("CallIntel Hub API");
    }

    @Test
    void operatorCannotReadSystemPropertiesOrSendMessagesIntoCamel() {
        assertThat(read(operatorToken(), "java.lang:type=Runtime", "SystemProperties")).doesNotContain("\"status\":200");
        assertThat(jolokia(operatorToken(), "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\"}"))
                .doesNotContain("java.class.path").doesNotContain("callintel");
        assertThat(read(operatorToken(), "java.lang:type=Runtime", "InputArguments")).doesNotContain("\"status\":200");

        String context = "org.apache.camel:context=callintel-hub,type=context,name=\\\"callintel-hub\\\"";
        for (String operation : new String[] {"sendBody(java.lang.String,java.lang.Object)", "requestBody(java.lang.String,java.lang.Object)",
                "sendStringBody(java.lang.String,java.lang.String)"}) {
            assertThat(jolokia(operatorToken(), "{\"type\":\"exec\",\"mbean\":\"" + context + "\",\"operation\":\"" + operation
                    + "\",\"arguments\":[\"direct:process-dispatch\",\"x\"]}")).as(operation).doesNotContain("\"status\":200");
        }
        assertThat(jolokia(operatorToken(), "{\"type\":\"write\",\"mbean\":\"" + ROUTE + "\",\"attribute\":\"TracingPattern\",\"value\":\"*\"}"))
                .doesNotContain("\"status\":200");
    }

    @Test
    void demoOperatorOfTheDevelopmentIssuerOpensTheConsole() throws Exception {
        HttpResponse<String> issued = post("/dev/token?user=operator", new byte[0], Map.of());
        String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(issued.body()).path("access_token").asText();

        assertThat(exec(token, ROUTE, "dumpRouteStatsAsXml(boolean,boolean)")).contains("\"status\":200");
    }

    @Test
    void operatorSignsInToTheConsoleThroughTheIdentityProvider() {
        HttpClient browser = browser();
        HttpResponse<String> firstVisit = HttpClientSupport.get(browser, management("/actuator/hawtio/"));
        assertThat(firstVisit.statusCode()).isEqualTo(302);
        assertThat(firstVisit.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/oauth2/authorization/hub"));

        HttpResponse<String> console = signIn(browser, operatorToken());
        assertThat(console.request().uri().getPath()).isEqualTo("/actuator/hawtio/");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("<title>Hawtio");
        // the console finds Jolokia by a GET: it must see an agent there (a 401/403 also counts for it)
        HttpResponse<String> probe = HttpClientSupport.get(browser, management("/actuator/hawtio/jolokia"));
        assertThat(probe.statusCode() + " " + probe.body()).matches("(?s)(200 .*\"agent\".*|40[13] .*)");
    }

    @Test
    void consolePostsNeedTheCsrfTokenOfTheSession() throws Exception {
        HttpClient browser = browser();
        signIn(browser, operatorToken());
        HttpClientSupport.get(browser, management("/actuator/hawtio/"));
        String csrf = ((java.net.CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
        String search = "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}";

        var withToken = browser.send(HttpRequest.newBuilder(URI.create(management("/actuator/hawtio/jolokia")))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf).header("Origin", management(""))
                .POST(HttpRequest.BodyPublishers.ofString(search)).build(), HttpResponse.BodyHandlers.ofString());
        var withoutToken = browser.send(HttpRequest.newBuilder(URI.create(management("/actuator/hawtio/jolokia")))
                .header("Content-Type", "application/json").header("Origin", management(""))
                .POST(HttpRequest.BodyPublishers.ofString(search)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("intake-webhook");
        assertThat(withoutToken.statusCode()).isEqualTo(403);
    }

    @Test
    void agencyAdminsAndAgentsSignedInAtTheIdentityProviderAreRefusedByTheConsole() {
        TestTenant tenant = newTenant();
        for (String token : new String[] {agentToken(tenant), adminToken(tenant)}) {
            HttpClient browser = browser();
            HttpResponse<String> refused = signIn(browser, token);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("not-an-operator").doesNotContain("<title>Hawtio");
            assertThat(HttpClientSupport.get(browser, management("/actuator/hawtio/")).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void forgedAuthorizationResponseCannotSignInToTheConsole() {
        HttpClient browser = browser();
        HttpClientSupport.get(browser, management("/actuator/hawtio/"));
        HttpResponse<String> refused = HttpClientSupport.get(browser, management("/login/oauth2/code/hub?code=forged&state=forged"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("Sign-in did not work");
        assertThat(HttpClientSupport.get(browser, management("/actuator/hawtio/")).statusCode()).isEqualTo(302);
    }

    @Test
    void operatorSeesTheRoutesInHawtiosCamelTabUnderTheRestrictor() {
        java.util.List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (BrowserSupport chromium = BrowserSupport.launch();
             BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            // every Jolokia answer passes through here, so what the restrictor refused the console can be logged
            page.route("**/jolokia**", route -> {
                com.microsoft.playwright.APIResponse answer = route.fetch();
                String body = answer.text();
                if (body.contains("\"status\":403") || answer.status() >= 400) {
                    refused.add(answer.status() + " " + route.request().postData() + " -> " + body.substring(0, Math.min(200, body.length())));
                }
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setResponse(answer));
            });
            try {
                // the same sign-in as the hub's pages: the identity provider's picker, its demo operator
                page.navigate(management("/actuator/hawtio/"));
                page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Sign in as operator").setExact(true)).click();
                page.waitForURL("**/actuator/hawtio/**");
                page.navigate(management("/actuator/hawtio/camel/routes"));

                assertThat(page.getByText("intake-webhook").first()).isVisible(
                        new LocatorAssertions.IsVisibleOptions().setTimeout(90_000));
            } finally {
                page.screenshot(new Page.ScreenshotOptions().setPath(BrowserSupport.screenshot("hawtio-camel-routes")));
                org.slf4j.LoggerFactory.getLogger(ConsoleAccessTest.class).info("Jolokia refusals seen by the console: {}", refused);
            }
        }
    }

    /** A token of the identity provider for the configured operator: no organization, no organization role. */
    private String operatorToken() {
        return identityProvider.sign(Map.of("sub", OPERATOR, "email", "ops@callintel.test"), Duration.ofMinutes(5));
    }

    private String exec(String token, String mbean, String operation) {
        return jolokia(token, "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation + "\",\"arguments\":"
                + (operation.contains("boolean") ? "[false,false]" : "[]") + "}");
    }

    private String read(String token, String mbean, String attribute) {
        return jolokia(token, "{\"type\":\"read\",\"mbean\":\"" + mbean + "\",\"attribute\":\"" + attribute + "\"}");
    }

    private String jolokia(String token, String request) {
        HttpResponse<String> response = jolokia("/actuator/jolokia", token, request);
        return response.statusCode() + " " + response.body();
    }

    private HttpResponse<String> jolokia(String path, String token, String request) {
        return postJson(management(path), token, request);
    }

    /**
     * A script's Jolokia POST with a bearer token (no CSRF token: bearer requests need none), from the tunnel's
     * origin as jolokia-access.xml asks.
     */
    private HttpResponse<String> postJson(String url, String token, String json) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Origin", management(""))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs in at the console through the identity provider as the user of {@code token}; the console's answer. */
    private HttpResponse<String> signIn(HttpClient browser, String token) {
        return com.callintel.hub.support.OidcBrowserFlow.signIn(browser, management("/actuator/hawtio/"), token);
    }

    private String management(String path) {
        return "http://localhost:" + managementPort + path;
    }
}
