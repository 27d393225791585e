package com.callintel.hub.processing;

import java.util.List;
import java.util.Map;

import com.callintel.hub.support.HubIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backlog gauge the load bench reads: acknowledged webhooks not yet processed, and the lag gauge: how long the
 * oldest of them has waited. Processing is off on this node, so what is acknowledged stays in the queue and the
 * gauges measure exactly that; a processed one leaves it.
 */
@TestPropertySource(properties = "callintel.processing.enabled=false")
class ProcessingBacklogTest extends HubIntegrationTest {

    @Autowired
    MeterRegistry registry;
    @Autowired
    ProducerTemplate producer;

    @Test
    void backlogGaugesMeasureAcknowledgedWebhooksUntilTheyAreProcessed() {
        TestTenant tenant = newTenant();
        double before = backlog();

        for (int i = 0; i < 3; i++) {
            var response = post("/webhooks/goto/" + tenant.endpointKey("goto"),
                    ("{\"source\":\"messaging\",\"content\":{\"id\":\"backlog-" + i + "\",\"direction\":\"IN\"}}").getBytes(),
                    Map.of("Content-Type", "application/json"));
            assertThat(response.statusCode()).isEqualTo(200);
        }
        assertThat(backlog()).isEqualTo(before + 3);
        assertThat(lag()).isPositive();

        producer.sendBody("direct:process-claim", null);
        assertThat(backlog()).isZero();
        assertThat(lag()).isZero();
    }

    /**
     * The lease and a retry change status, attempts, lease_until and failure_reason only: when no index names
     * those columns, in its keys or its predicate, PostgreSQL can make the update heap-only (no index touched, a
     * ~200-byte row version next to the old one) - the reason the queue's index is on processed_at (V24).
     */
    @Test
    void theLeaseChangesNoIndexedColumn() {
        List<String> indexed = jdbc.sql("""
                select a.attname from pg_index i
                join pg_attribute a on a.attrelid = i.indrelid
                where i.indrelid = 'inbound_event'::regclass and a.attnum > 0
                  and (a.attnum = any (i.indkey)
                       or pg_get_expr(i.indpred, i.indrelid) ~ ('\\m' || a.attname || '\\M')
                       or pg_get_expr(i.indexprs, i.indrelid) ~ ('\\m' || a.attname || '\\M'))
                """).query(String.class).list();

        assertThat(indexed).contains("org_id", "id", "processed_at")
                .doesNotContain("status", "attempts", "lease_until", "failure_reason", "payload");
        assertThat(jdbc.sql("select attstorage from pg_attribute where attrelid = 'inbound_event'::regclass "
                + "and attname = 'payload'").query(String.class).single())
                .as("payload stored out of line, uncompressed").isEqualTo("e");
    }

    private double lag() {
        return registry.get("callintel.processing.lag").gauge().value();
    }

    private double backlog() {
        return registry.get("callintel.processing.backlog").gauge().value();
    }
}
