package com.callintel.hub.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.callintel.hub.sandbox.ams.AppliedEpicSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The agency the fault suite plays: an organization, its Zoom account and its AMS connection (to the test's own
 * Applied Epic simulator), set up as an admin does, through the admin API of the running hub. Its admin signs in
 * at the development identity provider as the demo user {@value #USER}, configured by {@link #hubArguments}.
 */
final class FaultTenant {

    static final String USER = "faults";
    static final String ZOOM_SECRET = "zm_test_secret_7d41b0";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UUID orgId;
    private String endpointKey;

    FaultTenant(UUID orgId) {
        this.orgId = orgId;
    }

    UUID orgId() {
        return orgId;
    }

    /**
     * Hub arguments: the tenant's admin as a demo user of the development issuer, and the simulator at
     * {@code amsBaseUrl} as a target the operator trusts (it listens on loopback, which the egress policy refuses).
     */
    List<String> hubArguments(String amsBaseUrl) {
        String user = "callintel.access.dev-issuer.users." + USER + ".";
        return List.of(user + "subject=user_faults_admin", user + "email=admin@fault-suite.test",
                user + "role=org:admin", user + "org-id=" + orgId,
                "callintel.egress.trusted-targets[0]=" + amsBaseUrl);
    }

    /** Creates the organization (a row: onboarding has no API yet), its Zoom account and its AMS connection. */
    void setUp(HubProcess hub, JdbcClient jdbc, AppliedEpicSimulator epic) {
        jdbc.sql("insert into organization (id, name) values (:id, :name) on conflict do nothing")
                .param("id", orgId).param("name", "Fault Suite Agency").update();
        String token = token(hub);
        JsonNode account = call(hub, token, "POST", "/api/admin/provider-accounts",
                "{\"provider\":\"zoom\",\"secret\":\"" + ZOOM_SECRET + "\"}", 201);
        String url = account.path("webhookUrl").asText();
        endpointKey = url.substring(url.lastIndexOf('/') + 1);
        call(hub, token, "PUT", "/api/admin/ams-connection", "{\"type\":\"applied-epic\",\"baseUrl\":\"" + epic.baseUrl()
                + "\",\"activityCode\":\"65536\",\"credentials\":{\"clientId\":\"fake-client-id-0001\","
                + "\"clientSecret\":\"fake-client-secret-0001\",\"scope\":\"epic/accounts:search epic/activity:write epic/activity:read\"},"
                + "\"settings\":{\"agencyId\":\"a1a1a1a1-0000-4000-8000-000000000001\","
                + "\"branchId\":\"b2b2b2b2-0000-4000-8000-000000000002\",\"tokenUrl\":\"" + epic.tokenUrl() + "\"}}", 200);
    }

    /**
     * Switches AI call analysis on with {@code apiKey} and adds a Dialpad account (Dialpad sends transcripts as
     * text) signing with {@code dialpadSecret}; returns its webhook path on the hub.
     */
    String switchAiOnWithDialpad(HubProcess hub, String apiKey, String dialpadSecret) {
        String token = token(hub);
        call(hub, token, "PUT", "/api/admin/ai", "{\"enabled\":true,\"apiKey\":\"" + apiKey + "\"}", 200);
        String url = call(hub, token, "POST", "/api/admin/provider-accounts",
                "{\"provider\":\"dialpad\",\"secret\":\"" + dialpadSecret + "\"}", 201).path("webhookUrl").asText();
        return "/webhooks/dialpad/" + url.substring(url.lastIndexOf('/') + 1);
    }

    /** The tenant's Zoom webhook URL on {@code hub}. */
    String webhookUrl(HubProcess hub) {
        return hub.baseUrl() + "/webhooks/zoom/" + endpointKey;
    }

    /** A meter of the hub's, as an operator reads it on the management port ({@code /actuator/metrics/<name>}). */
    static double metric(HubProcess hub, String name) {
        String operator = call(hub.baseUrl(), null, "POST", "/dev/token?user=operator", null, 200).path("access_token").asText();
        JsonNode meter = call(hub.managementUrl(), operator, "GET", "/actuator/metrics/" + name, null, 200);
        return meter.path("measurements").path(0).path("value").asDouble();
    }

    private static String token(HubProcess hub) {
        return call(hub, null, "POST", "/dev/token?user=" + USER, null, 200).path("access_token").asText();
    }

    private static JsonNode call(HubProcess hub, String token, String method, String path, String json, int expected) {
        return call(hub.baseUrl(), token, method, path, json, expected);
    }

    private static JsonNode call(String base, String token, String method, String path, String json, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
