package com.callintel.hub.intake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cheap checks come before any work: an unknown endpoint is refused before its body is read, and no spelling of
 * a path (percent-encoded letters) and no framing of a body (chunked, no Content-Length) gets past a body cap.
 */
class AdmissionTest extends HubIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void unknownEndpointIsRefusedBeforeItsBodyIsRead() {
        byte[] huge = ("{\"pad\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        IntakeRejectionTest.assertProblem(post("/webhooks/goto/ek_no_such_key", huge, Map.of("Content-Type", "application/json")),
                404, "unknown-endpoint");
    }

    @Test
    void percentEncodedWebhookPathStillHasItsBodyCapped() {
        TestTenant tenant = newTenant();
        byte[] huge = ("{\"source\":\"messaging\",\"content\":{\"id\":\"enc-1\",\"direction\":\"IN\",\"pad\":\""
                + "x".repeat(300 * 1024) + "\"}}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = post("/%77ebhooks/goto/" + tenant.endpointKey("goto"), huge,
                Map.of("Content-Type", "application/json"));

        assertThat(response.statusCode()).as(response.body()).isIn(400, 404, 413);
        assertThat(storedEvents(tenant)).isZero();
    }

    @Test
    void chunkedApiBodyOverTheCapIsRefused() throws Exception {
        TestTenant tenant = newTenant();
        byte[] json = ("{\"name\":\"" + "x".repeat(100 * 1024) + "\",\"defaultRegion\":\"US\",\"timeZone\":\"UTC\"}")
                .getBytes(StandardCharsets.UTF_8);
        // a body from a stream has no length to declare: the JDK client sends it chunked
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/organization"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken(tenant)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json)))
                .build();

        HttpResponse<String> response = send(request);

        IntakeRejectionTest.assertProblem(response, 413, "body-too-large");
        assertThat(tenants.findOrganization(tenant.orgId()).orElseThrow().name()).startsWith("Test Agency");
    }

    @Test
    void percentEncodedApiPathStillHasItsBodyCapped() throws Exception {
        TestTenant tenant = newTenant();
        byte[] json = ("{\"name\":\"" + "x".repeat(100 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/%61pi/admin/organization"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken(tenant)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json)))
                .build();

        HttpResponse<String> response = send(request);

        assertThat(response.statusCode()).as(response.body()).isIn(404, 413);
        assertThat(tenants.findOrganization(tenant.orgId()).orElseThrow().name()).startsWith("Test Agency");
    }

    @Test
    void chunkedApiBodyUnderTheCapIsServed() throws Exception {
        TestTenant tenant = newTenant();
        byte[] json = "{\"name\":\"Chunked Agency\",\"defaultRegion\":\"US\",\"timeZone\":\"UTC\"}".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/organization"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken(tenant)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json)))
                .build();

        HttpResponse<String> response = send(request);

        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        assertThat(tenants.findOrganization(tenant.orgId()).orElseThrow().name()).isEqualTo("Chunked Agency");
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
