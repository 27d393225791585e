package com.callintel.hub.intake;

import java.util.Map;

import com.callintel.hub.support.HubIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators see what the intake answered per provider (callintel.webhooks: stored, duplicate, each refusal by its
 * problem type), while webhooks skip the generic per-request timer, which costs more than their own work.
 */
class IntakeMetricsTest extends HubIntegrationTest {

    @Autowired
    MeterRegistry registry;

    @Test
    void webhooksAreCountedByProviderAndAnswerNotTimedPerRequest() {
        TestTenant tenant = newTenant();
        double stored = count("goto", "stored");
        double duplicate = count("goto", "duplicate");
        double unsupported = count("goto", "unsupported-content-type");
        byte[] body = "{\"source\":\"messaging\",\"content\":{\"id\":\"metrics-1\",\"direction\":\"IN\"}}".getBytes();

        assertThat(post("/webhooks/goto/" + tenant.endpointKey("goto"), body, Map.of("Content-Type", "application/json"))
                .body()).contains("\"duplicate\":false");
        assertThat(post("/webhooks/goto/" + tenant.endpointKey("goto"), body, Map.of("Content-Type", "application/json"))
                .body()).contains("\"duplicate\":true");
        assertThat(post("/webhooks/goto/" + tenant.endpointKey("goto"), body, Map.of("Content-Type", "text/plain"))
                .statusCode()).isEqualTo(415);

        assertThat(count("goto", "stored")).isEqualTo(stored + 1);
        assertThat(count("goto", "duplicate")).isEqualTo(duplicate + 1);
        assertThat(count("goto", "unsupported-content-type")).isEqualTo(unsupported + 1);
        assertThat(registry.find("http.server.requests").meters())
                .noneSatisfy(m -> assertThat(m.getId().getTag("uri")).startsWith("/webhooks"));
        // webhooks in progress and the acknowledgements' average, for operators watching a burst
        assertThat(registry.get("callintel.intake.in-flight").gauge().value()).isGreaterThanOrEqualTo(0.0);
        assertThat(registry.get("callintel.intake.ack.average").gauge().value()).isPositive();
    }

    private double count(String provider, String answer) {
        Counter counter = registry.find("callintel.webhooks").tag("provider", provider).tag("answer", answer).counter();
        return counter == null ? 0 : counter.count();
    }
}
