package com.callintel.hub.processing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.callintel.hub.support.HubIntegrationTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processing records a claimed batch in one transaction: whatever the batch holds (several events of one call in
 * any order, the same event delivered twice under two delivery ids, an SMS twice), the calls, SMS, AMS outbox and
 * queue rows must be exactly those of processing the same events one by one; and one event the store refuses or
 * the connector cannot read must not hold back its batch-mates. Processing and the AMS sync are off on this node,
 * so the test decides what each claim holds.
 */
@TestPropertySource(properties = {"callintel.processing.enabled=false", "callintel.ams.enabled=false"})
class BatchedProcessingTest extends HubIntegrationTest {

    private static final List<String[]> EVENTS = List.of(
            new String[]{"dialpad", "inbound-ringing.json"},
            new String[]{"dialpad", "inbound-completed.json"},
            new String[]{"dialpad", "transcription.json"},
            new String[]{"dialpad", "recap-summary.json"},
            new String[]{"dialpad", "missed.json"},
            new String[]{"dialpad", "outbound-completed.json"},
            new String[]{"dialpad", "sms-inbound.json"},
            new String[]{"zoom", "inbound-ringing.json"},
            new String[]{"zoom", "inbound-answered.json"},
            new String[]{"zoom", "inbound-completed.json"},
            new String[]{"zoom", "transcript-completed.json"},
            // the same events again, as a provider redelivering them under new delivery ids
            new String[]{"dialpad", "inbound-completed.json"},
            new String[]{"dialpad", "transcription.json"},
            new String[]{"dialpad", "sms-inbound.json"},
            new String[]{"zoom", "inbound-completed.json"});

    @Autowired
    ProducerTemplate producer;

    @Test
    void aShuffledBatchWithRepeatsGivesTheRowsOfProcessingItsEventsOneByOne() {
        for (long seed : new long[]{1, 2, 3}) {
            List<String[]> events = new ArrayList<>(EVENTS);
            Collections.shuffle(events, new Random(seed));
            TestTenant batched = newTenant();
            TestTenant oneByOne = newTenant();
            connectAppliedEpic(batched, epic, null);
            connectAppliedEpic(oneByOne, epic, null);

            for (int i = 0; i < events.size(); i++) {
                store(batched, events.get(i)[0], "delivery-" + i, fixtureJson(events.get(i)));
            }
            claimOnce();
            assertThat(backlog(batched)).as("one claim took the whole batch (seed %d)", seed).isZero();

            for (int i = 0; i < events.size(); i++) {
                store(oneByOne, events.get(i)[0], "delivery-" + i, fixtureJson(events.get(i)));
                claimOnce();
            }

            assertThat(rows(batched)).as("seed %d", seed).isEqualTo(rows(oneByOne)).isNotEmpty();
            // four calls (three Dialpad, one Zoom), all ended; one SMS delivered twice
            assertThat(rows(batched).get("calls")).as("seed %d", seed).hasSize(4);
            assertThat(rows(batched).get("sms")).as("seed %d", seed).hasSize(1);
            assertThat(rows(batched).get("syncs")).as("seed %d: one note per ended call and per SMS", seed).hasSize(5);
        }
    }

    @Test
    void anEventTheStoreRefusesGoesBackAloneAndItsBatchMatesAreRecorded() {
        TestTenant tenant = newTenant();
        String completed = fixtureJson(new String[]{"dialpad", "inbound-completed.json"});
        // a call id far past what an index entry can hold: PostgreSQL refuses the call row, not the stored event
        String hugeId = "\"" + HexFormat.of().formatHex(randomBytes(12_000)) + "\"";
        String poison = completed.replace("\"call_id\": 6263000000000001", "\"call_id\": " + hugeId)
                .replace("\"master_call_id\": 6263000000000001", "\"master_call_id\": " + hugeId);
        String unreadable = completed.replace("\"inbound\"", "\"sideways\"")
                .replace("\"call_id\": 6263000000000001", "\"call_id\": 6263000000000077")
                .replace("\"master_call_id\": 6263000000000001", "\"master_call_id\": 6263000000000077");

        // the unreadable one first: the batch's result must not inherit its handled failure
        store(tenant, "dialpad", "unreadable", unreadable);
        store(tenant, "dialpad", "good-call", completed);
        store(tenant, "dialpad", "poison", poison);
        store(tenant, "dialpad", "good-sms", fixtureJson(new String[]{"dialpad", "sms-inbound.json"}));
        claimOnce();

        Map<String, Map<String, Object>> byKey = new java.util.HashMap<>();
        jdbc.sql("select dedupe_key, status, attempts, failure_reason from inbound_event where org_id = :org")
                .param("org", tenant.orgId()).query().listOfRows()
                .forEach(row -> byKey.put((String) row.get("dedupe_key"), row));
        assertThat(byKey.get("good-call")).containsEntry("status", "processed");
        assertThat(byKey.get("good-sms")).containsEntry("status", "processed");
        assertThat(byKey.get("unreadable")).containsEntry("status", "failed");
        assertThat((String) byKey.get("unreadable").get("failure_reason")).contains("direction");
        assertThat(byKey.get("poison")).containsEntry("status", "processing").containsEntry("attempts", 1);
        assertThat((String) byKey.get("poison").get("failure_reason")).isNotBlank();
        assertThat(call(tenant, "dialpad", "6263000000000001").eventCount()).isEqualTo(1);
        assertThat(calls(tenant)).isEqualTo(1);
    }

    private void claimOnce() {
        producer.sendBody("direct:process-claim", null);
    }

    /** A webhook as the intake stores it after verification (for Dialpad: the JWT's claims). */
    private void store(TestTenant tenant, String provider, String deliveryId, String payload) {
        jdbc.sql("""
                insert into inbound_event (org_id, provider_account_id, provider, dedupe_key, event_kind, payload)
                select :org, a.id, :provider, :key, 'test', cast(:payload as jsonb)
                from provider_account a where a.org_id = :org and a.provider = :provider
                """)
                .param("org", tenant.orgId()).param("provider", provider).param("key", deliveryId)
                .param("payload", payload).update();
    }

    private long backlog(TestTenant tenant) {
        return jdbc.sql("select count(*) from inbound_event where org_id = :org and status in ('pending', 'processing')")
                .param("org", tenant.orgId()).query(Long.class).single();
    }

    /** Everything processing wrote for the organization, without its ids and clocks. */
    private Map<String, List<Map<String, Object>>> rows(TestTenant tenant) {
        return Map.of(
                "calls", jdbc.sql("""
                        select provider, provider_call_id, direction, from_number, to_number, external_number,
                            external_name, agent_id, agent_name, agent_email, agent_extension, state, state_rank,
                            outcome_stated, outcome_rank, started_at, answered_at, ended_at, duration_stated,
                            recording_url, transcript_url, transcript, summary, event_count
                        from call where org_id = :org order by provider, provider_call_id
                        """).param("org", tenant.orgId()).query().listOfRows(),
                "sms", jdbc.sql("""
                        select provider, provider_message_id, direction, from_number, to_number, body, sent_at
                        from sms_message where org_id = :org order by provider, provider_message_id
                        """).param("org", tenant.orgId()).query().listOfRows(),
                "syncs", jdbc.sql("""
                        select s.source_kind, coalesce(c.provider_call_id, m.provider_message_id) as source,
                            s.status, s.content_version, s.target_id
                        from ams_sync s
                        left join call c on s.source_kind = 'call' and c.org_id = s.org_id and c.id = s.source_id
                        left join sms_message m on s.source_kind = 'sms' and m.org_id = s.org_id and m.id = s.source_id
                        where s.org_id = :org order by 1, 2
                        """).param("org", tenant.orgId()).query().listOfRows(),
                "events", jdbc.sql("""
                        select dedupe_key, status, failure_reason from inbound_event where org_id = :org order by dedupe_key
                        """).param("org", tenant.orgId()).query().listOfRows());
    }

    private static String fixtureJson(String[] event) {
        return new String(fixture(event[0], event[1]), StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(7).nextBytes(bytes);
        return bytes;
    }
}
