package com.callintel.hub.access;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.callintel.hub.support.HttpClientSupport;
import com.callintel.hub.support.HubIntegrationTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import static com.callintel.hub.support.HttpClientSupport.browser;
import static com.callintel.hub.support.HttpClientSupport.postForm;
import static org.assertj.core.api.Assertions.assertThat;

/** The Hawtio console and Jolokia, on the management port, admit organization admins and nobody else. */
@DisableJmx(false)
// a context of its own: @DisableJmx does not take part in Spring's context cache key
@TestPropertySource(properties = "spring.jmx.enabled=true")
class ConsoleAccessTest extends HubIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void jolokiaRefusesAnonymousAndAgents() {
        TestTenant tenant = newTenant();
        HttpResponse<String> anonymous = HttpClientSupport.get(management("/actuator/jolokia/version"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        for (String path : new String[] {"/actuator/jolokia/version", "/actuator/hawtio/jolokia/version", "/actuator/hawtio/"}) {
            HttpResponse<String> agent = HttpClientSupport.get(management(path), Map.of("Authorization", "Bearer " + agentToken(tenant)));
            assertThat(agent.statusCode()).as(path).isEqualTo(403);
            assertThat(agent.body()).doesNotContain("\"agent\"");
        }
    }

    @Test
    void adminTokenReadsTheCamelRoutesThroughJolokia() {
        TestTenant tenant = newTenant();
        HttpResponse<String> routes = HttpClientSupport.get(management("/actuator/jolokia/search/org.apache.camel:type=routes,*"),
                Map.of("Authorization", "Bearer " + adminToken(tenant)));

        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("intake-webhook").contains("process-dispatch");
    }

    @Test
    void adminStopsAndStartsARouteThroughJolokiaAsTheConsoleDoes() throws Exception {
        TestTenant tenant = newTenant();
        String mbean = "org.apache.camel:context=callintel-hub,type=routes,name=\\\"api-messages-list\\\"";
        assertThat(jolokia(adminToken(tenant), "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"stop()\"}"))
                .contains("\"status\":200");
        assertThat(jolokia(adminToken(tenant), "{\"type\":\"read\",\"mbean\":\"" + mbean + "\",\"attribute\":\"State\"}"))
                .contains("Stopped");
        assertThat(jolokia(agentToken(tenant), "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"start()\"}"))
                .as("an agent cannot start it").doesNotContain("\"status\":200");

        assertThat(jolokia(adminToken(tenant), "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"start()\"}"))
                .contains("\"status\":200");
        assertThat(call("GET", "/api/messages", agentToken(tenant), null).statusCode()).isEqualTo(200);
    }

    private String jolokia(String token, String request) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(management("/actuator/jolokia")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    @Test
    void adminSignsInToTheConsoleWithAnIdentityProviderToken() {
        TestTenant tenant = newTenant();
        HttpClient browser = browser();
        HttpResponse<String> firstVisit = HttpClientSupport.get(browser, management("/actuator/hawtio/"));
        assertThat(firstVisit.statusCode()).isEqualTo(302);
        assertThat(firstVisit.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        HttpResponse<String> signedIn = signIn(browser, adminToken(tenant));
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/actuator/hawtio/"));

        HttpResponse<String> console = HttpClientSupport.get(browser, management("/actuator/hawtio/"));
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("<title>Hawtio");
        HttpResponse<String> jolokia = HttpClientSupport.get(browser, management("/actuator/hawtio/jolokia/version"));
        assertThat(jolokia.body()).contains("\"agent\"");
    }

    @Test
    void consolePostsNeedTheCsrfTokenOfTheSession() throws Exception {
        TestTenant tenant = newTenant();
        HttpClient browser = browser();
        signIn(browser, adminToken(tenant));
        HttpClientSupport.get(browser, management("/actuator/hawtio/"));
        String csrf = ((java.net.CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
        String search = "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}";

        var withToken = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(management("/actuator/hawtio/jolokia")))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(search)).build(), HttpResponse.BodyHandlers.ofString());
        var withoutToken = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(management("/actuator/hawtio/jolokia")))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(search)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("intake-webhook");
        assertThat(withoutToken.statusCode()).isEqualTo(403);
    }

    @Test
    void agentCannotSignInToTheConsole() {
        TestTenant tenant = newTenant();
        HttpClient browser = browser();

        HttpResponse<String> refused = signIn(browser, agentToken(tenant));
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login?error"));
        assertThat(HttpClientSupport.get(browser, management("/actuator/hawtio/")).statusCode()).isEqualTo(302);
    }

    @Test
    void forgedTokenCannotSignInToTheConsole() {
        HttpClient browser = browser();
        HttpResponse<String> refused = signIn(browser, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login?error"));
    }

    private HttpResponse<String> signIn(HttpClient browser, String token) {
        HttpResponse<String> form = HttpClientSupport.get(browser, management("/login"));
        Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as("sign-in form carries a CSRF token").isTrue();
        HttpResponse<String> response = postForm(browser, management("/login"),
                Map.of("username", "admin", "password", token, "_csrf", csrf.group(1)));
        assertThat(response.statusCode()).isEqualTo(302);
        return response;
    }

    private String management(String path) {
        return "http://localhost:" + managementPort + path;
    }
}
