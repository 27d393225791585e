package com.callintel.hub.processing;

import java.util.Map;

import com.callintel.hub.support.HubIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backlog gauge the load bench reads: acknowledged webhooks not yet processed. Processing is off on this
 * node, so what is acknowledged stays in the queue and the gauge counts exactly that; a processed one leaves it.
 */
@TestPropertySource(properties = "callintel.processing.enabled=false")
class ProcessingBacklogTest extends HubIntegrationTest {

    @Autowired
    MeterRegistry registry;
    @Autowired
    ProducerTemplate producer;

    @Test
    void backlogGaugeCountsAcknowledgedWebhooksUntilTheyAreProcessed() {
        TestTenant tenant = newTenant();
        double before = backlog();

        for (int i = 0; i < 3; i++) {
            var response = post("/webhooks/goto/" + tenant.endpointKey("goto"),
                    ("{\"source\":\"messaging\",\"content\":{\"id\":\"backlog-" + i + "\",\"direction\":\"IN\"}}").getBytes(),
                    Map.of("Content-Type", "application/json"));
            assertThat(response.statusCode()).isEqualTo(200);
        }
        assertThat(backlog()).isEqualTo(before + 3);

        producer.sendBody("direct:process-claim", null);
        assertThat(backlog()).isZero();
    }

    private double backlog() {
        return registry.get("callintel.processing.backlog").gauge().value();
    }
}
