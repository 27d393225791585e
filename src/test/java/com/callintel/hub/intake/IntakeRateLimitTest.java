package com.callintel.hub.intake;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An endpoint over its rate gets 429 with Retry-After and another endpoint is not slowed by it; the same for
 * API users. Requests that fail verification spend a small bucket of their own, never the provider's.
 */
@TestPropertySource(properties = {"callintel.intake.rate-limit-capacity=5", "callintel.intake.rate-limit-per-second=1",
        "callintel.intake.unverified-capacity=3", "callintel.intake.unverified-per-minute=1",
        "callintel.access.api-rate-limit-per-minute=5"})
class IntakeRateLimitTest extends HubIntegrationTest {

    @Test
    void burstOverTheLimitGets429WithRetryAfter() {
        TestTenant tenant = newTenant();
        TestTenant neighbour = newTenant();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            responses.add(post("/webhooks/goto/" + tenant.endpointKey("goto"),
                    ("{\"source\":\"messaging\",\"content\":{\"id\":\"burst-" + i + "\",\"direction\":\"IN\"}}").getBytes(),
                    Map.of("Content-Type", "application/json")));
        }

        assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSizeBetween(5, 6);
        HttpResponse<String> limited = responses.get(responses.size() - 1);
        IntakeRejectionTest.assertProblem(limited, 429, "rate-limited");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(storedEvents(tenant)).isBetween(5L, 6L);

        HttpResponse<String> other = post("/webhooks/goto/" + neighbour.endpointKey("goto"),
                "{\"source\":\"messaging\",\"content\":{\"id\":\"n-1\",\"direction\":\"IN\"}}".getBytes(),
                Map.of("Content-Type", "application/json"));
        assertThat(other.statusCode()).isEqualTo(200);
    }

    @Test
    void floodOfUnsignedBodiesDoesNotStarveTheCorrectlySignedProvider() {
        TestTenant tenant = newTenant();
        String path = "/webhooks/dialpad/" + tenant.endpointKey("dialpad");
        List<HttpResponse<String>> flood = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            flood.add(post(path, "a.b.c".getBytes(), Map.of("Content-Type", "application/jwt")));
        }
        assertThat(flood).as("the forgeries are refused").noneMatch(r -> r.statusCode() == 200);
        IntakeRejectionTest.assertProblem(flood.get(0), 401, "signature-invalid");
        IntakeRejectionTest.assertProblem(flood.get(flood.size() - 1), 429, "rate-limited");
        assertThat(flood.get(flood.size() - 1).headers().firstValue("Retry-After")).isPresent();

        HttpResponse<String> genuine = send(tenant, "dialpad", "dialpad", "inbound-ringing.jwt");

        assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(200);
        assertThat(storedEvents(tenant)).isEqualTo(1);
    }

    @Test
    void apiUserOverTheLimitGets429WithRetryAfter() {
        TestTenant tenant = newTenant();
        String token = agentToken(tenant);
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            responses.add(call("GET", "/api/calls", token, null));
        }

        assertThat(responses.subList(0, 5)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        IntakeRejectionTest.assertProblem(responses.get(6), 429, "rate-limited");
        assertThat(responses.get(6).headers().firstValue("Retry-After")).isPresent();
        assertThat(call("GET", "/api/calls", adminToken(tenant), null).statusCode()).as("another user").isEqualTo(200);
    }
}
