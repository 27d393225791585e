package com.callintel.hub.access;

import java.net.http.HttpResponse;
import java.util.Map;

import com.callintel.hub.support.HttpClientSupport;
import com.callintel.hub.support.HubIntegrationTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of response carries the security headers: API, webhook, page, handshake and error answers. */
class SecurityHeadersTest extends HubIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"api-ok", "api-unauthenticated", "api-forbidden", "webhook-accepted", "webhook-refused",
            "webhook-too-large", "handshake", "openapi-document", "not-found", "method-not-allowed", "health"})
    void responseCarriesTheSecurityHeaders(String kind) {
        HttpResponse<String> response = respond(kind);

        assertThat(header(response, "Strict-Transport-Security")).contains("max-age=63072000").contains("includeSubDomains");
        assertThat(header(response, "X-Frame-Options")).isEqualTo("DENY");
        assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(response, "Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(header(response, "Permissions-Policy")).contains("camera=()").contains("microphone=()");
        assertThat(header(response, "Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(response.headers().allValues("Set-Cookie")).as("no cookies").isEmpty();
    }

    private HttpResponse<String> respond(String kind) {
        TestTenant tenant = newTenant();
        return switch (kind) {
            case "api-ok" -> call("GET", "/api/calls", agentToken(tenant), null);
            case "api-unauthenticated" -> get("/api/calls");
            case "api-forbidden" -> call("GET", "/api/admin/agents", agentToken(tenant), null);
            case "webhook-accepted" -> send(tenant, "zoom", "zoom", "inbound-ringing.json");
            case "webhook-refused" -> post("/webhooks/zoom/ek_nobody", "{}".getBytes(), Map.of("Content-Type", "application/json"));
            case "webhook-too-large" -> post("/webhooks/goto/" + tenant.endpointKey("goto"), new byte[400 * 1024],
                    Map.of("Content-Type", "application/json"));
            case "handshake" -> post("/webhooks/ringcentral/" + tenant.endpointKey("ringcentral"), new byte[0],
                    Map.of("Validation-Token", "abc"));
            case "openapi-document" -> get("/api/openapi.json");
            case "not-found" -> get("/no/such/page");
            case "method-not-allowed" -> get("/webhooks/zoom/" + tenant.endpointKey("zoom"));
            case "health" -> HttpClientSupport.get("http://localhost:" + managementPort + "/actuator/health");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError(name + " missing on "
                + response.statusCode() + " " + response.uri()));
    }
}
