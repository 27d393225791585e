package com.callintel.hub.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.callintel.hub.sandbox.ams.CreatedRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a fault run left behind, read from the hub's database and the test's AMS simulator, and the promises
 * checked on it: every acknowledged webhook processed exactly once, every call a row of its own with its own
 * content, one AMS activity and one note per call on the right client, none doubled, none missing. Only outcomes
 * (rows and records), never the hub's classes: the processing path may change under the suite.
 */
final class Outcomes {

    private static final Pattern REF = Pattern.compile("CallIntel ref: (callintel-[0-9a-f]{8}-call-(\\d+))");

    private final JdbcClient jdbc;
    private final UUID orgId;
    private final String prefix;

    /** The figures of one run, for the log and docs/operations.md. */
    record Figures(int sent, int acknowledged, int storedUnacknowledged, int lost, int calls, int notes, int doubled,
                   Map<Integer, Long> statuses, Map<Integer, Long> syncAttempts) {
        @Override
        public String toString() {
            return "sent " + sent + ", acknowledged " + acknowledged + ", lost " + lost + ", stored without a 2xx "
                     + storedUnacknowledged + ", calls " + calls + ", AMS notes " + notes + " (doubled: " + doubled
                    + "); answers " + statuses
                    + "; AMS sync attempts " + syncAttempts;
        }
    }

    Outcomes(JdbcClient jdbc, UUID orgId, String prefix) {
        this.jdbc = jdbc;
        this.orgId = orgId;
        this.prefix = prefix;
    }

    /** Waits until none of the run's events is queued or leased and none of its AMS syncs is due or running. */
    void awaitSettled(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                count("select count(*) from inbound_event where org_id = :org and status in ('pending', 'processing') "
                        + "and payload -> 'payload' -> 'object' ->> 'call_id' like :prefix") == 0
                && count("select count(*) from ams_sync s join call c on c.org_id = s.org_id and c.id = s.source_id "
                        + "where s.org_id = :org and s.source_kind = 'call' and s.status in ('pending', 'syncing') "
                        + "and c.provider_call_id like :prefix") == 0);
    }

    /** Checks every promise on the run's rows and AMS records; answers the figures. */
    Figures verify(WebhookLoad load, List<CreatedRecord> amsRecords, Set<Long> inFlightAtFault) {
        Map<String, FaultCall> sent = load.answers().stream()
                .collect(Collectors.toMap(a -> a.call().callId(), WebhookLoad.Answer::call));
        Set<String> acked = load.acknowledged().stream().map(FaultCall::callId).collect(Collectors.toSet());

        Map<String, List<String>> events = new HashMap<>();
        jdbc.sql("select payload -> 'payload' -> 'object' ->> 'call_id' as call_id, status from inbound_event "
                        + "where org_id = :org and payload -> 'payload' -> 'object' ->> 'call_id' like :prefix")
                .param("org", orgId).param("prefix", prefix + "%").query()
                .listOfRows().forEach(r -> events.computeIfAbsent((String) r.get("call_id"), k -> new ArrayList<>())
                        .add((String) r.get("status")));
        List<String> lost = acked.stream().filter(id -> !events.containsKey(id)).sorted().toList();
        assertThat(lost).as("acknowledged webhooks with no stored event (lost)").isEmpty();
        assertThat(events.keySet()).as("stored events are calls the test sent").isSubsetOf(sent.keySet());
        assertThat(events).as("each call's webhook stored once and processed").allSatisfy((id, statuses) ->
                assertThat(statuses).as(id).containsExactly("processed"));

        Map<String, Map<String, Object>> calls = new HashMap<>();
        jdbc.sql("select id, provider_call_id, external_number, duration_seconds, event_count, state from call "
                        + "where org_id = :org and provider_call_id like :prefix")
                .param("org", orgId).param("prefix", prefix + "%").query()
                .listOfRows().forEach(r -> calls.put((String) r.get("provider_call_id"), r));
        assertThat(calls.keySet()).as("one call row per stored call").isEqualTo(events.keySet());
        calls.forEach((id, row) -> {
            FaultCall call = sent.get(id);
            assertThat(row.get("event_count")).as("events merged into call " + id).isEqualTo(1);
            assertThat(row.get("external_number")).as("caller of call " + id).isEqualTo(call.caller());
            assertThat(row.get("duration_seconds")).as("talk time of call " + id).isEqualTo(call.talkSeconds());
        });

        List<Map<String, Object>> syncs = jdbc.sql("""
                        select c.provider_call_id, s.source_id, s.status, s.target_id, s.ams_record_id, s.attempts,
                            s.content_version, s.synced_version, s.last_error
                        from ams_sync s join call c on c.org_id = s.org_id and c.id = s.source_id
                        where s.org_id = :org and s.source_kind = 'call' and c.provider_call_id like :prefix
                        """).param("org", orgId).param("prefix", prefix + "%").query().listOfRows();
        assertThat(syncs.stream().map(s -> s.get("provider_call_id")).toList()).as("one AMS sync per call")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(calls.keySet());
        assertThat(syncs).as("every call's note written to the AMS").allSatisfy(s -> {
            assertThat(s.get("status")).as("sync of " + s.get("provider_call_id")).isEqualTo("synced");
            assertThat(s.get("target_id")).as("client of " + s.get("provider_call_id"))
                    .isEqualTo(sent.get((String) s.get("provider_call_id")).clientId());
        });

        // the AMS's side: per call one activity (the one the hub recorded) on the caller's client, holding one note
        // that carries the call's reference. A write the AMS made just as the hub (or its database, or the
        // connection) died is found by the retry's read-back (the note's ref), never made again: no doubled write,
        // not even of a sync in flight at the fault (those are named in the message, to tell where to look)
        Map<String, Map<String, Object>> syncByRecord = syncs.stream()
                .collect(Collectors.toMap(s -> (String) s.get("ams_record_id"), s -> s));
        Map<Long, Map<String, Object>> syncByCallRow = syncs.stream()
                .collect(Collectors.toMap(s -> ((Number) s.get("source_id")).longValue(), s -> s));
        Map<String, CreatedRecord> activities = amsRecords.stream().filter(r -> r.kind() == CreatedRecord.Kind.ACTIVITY)
                .collect(Collectors.toMap(CreatedRecord::id, r -> r));
        Map<Long, List<CreatedRecord>> notesByCallRow = new TreeMap<>();
        Map<Long, Set<String>> activitiesByCallRow = new TreeMap<>();
        for (CreatedRecord note : amsRecords) {
            if (note.kind() != CreatedRecord.Kind.NOTE) {
                continue;
            }
            Matcher ref = REF.matcher(note.text());
            assertThat(ref.find()).as("note carries its reference: " + note.text()).isTrue();
            long callRow = Long.parseLong(ref.group(2));
            assertThat(syncByCallRow).as("note of a call of this run: " + ref.group(1)).containsKey(callRow);
            notesByCallRow.computeIfAbsent(callRow, k -> new ArrayList<>()).add(note);
            activitiesByCallRow.computeIfAbsent(callRow, k -> new java.util.TreeSet<>()).add(note.parentId());
        }
        assertThat(activities.keySet()).as("every AMS activity holds a note of a call of this run")
                .isSubsetOf(activitiesByCallRow.values().stream().flatMap(Set::stream).toList());
        assertThat(notesByCallRow.keySet()).as("every call's note in the AMS (none missing)")
                .containsExactlyInAnyOrderElementsOf(syncByCallRow.keySet());
        List<String> doubled = new ArrayList<>();
        syncByCallRow.forEach((callRow, sync) -> {
            Set<String> written = activitiesByCallRow.get(callRow);
            assertThat(written).as("the activity the hub recorded for call row " + callRow).contains((String) sync.get("ams_record_id"));
            written.forEach(a -> assertThat(activities.get(a).clientId()).as("client of activity " + a).isEqualTo(sync.get("target_id")));
            List<CreatedRecord> callNotes = notesByCallRow.get(callRow);
            if (callNotes.size() > 1 || written.size() > 1) {
                doubled.add("call row " + callRow + " (" + sync.get("provider_call_id") + "): " + written.size()
                        + " activities, " + callNotes.size() + " notes" + (inFlightAtFault.contains(callRow) ? " (in flight at the fault)" : " (not in flight at the fault)")
                        + "; sync " + sync);
            }
        });
        doubled.forEach(d -> FaultSuite.log(prefix + " doubled in the AMS: " + d));
        assertThat(doubled).as("AMS writes doubled (exactly once: none, in flight at the fault or not)").isEmpty();
        int notes = notesByCallRow.values().stream().mapToInt(List::size).sum();

        Map<Integer, Long> attempts = syncs.stream().collect(Collectors.groupingBy(s -> (Integer) s.get("attempts"),
                TreeMap::new, Collectors.counting()));
        int storedUnacked = (int) events.keySet().stream().filter(id -> !acked.contains(id)).count();
        return new Figures(sent.size(), acked.size(), storedUnacked, lost.size(), calls.size(), notes, doubled.size(),
                load.statusMix(), attempts);
    }

    /** Call rows whose AMS sync is running now (claimed, its AMS call possibly under way). */
    Set<Long> syncing() {
        return jdbc.sql("select s.source_id from ams_sync s join call c on c.org_id = s.org_id and c.id = s.source_id "
                        + "where s.org_id = :org and s.source_kind = 'call' and s.status = 'syncing' and c.provider_call_id like :prefix")
                .param("org", orgId).param("prefix", prefix + "%").query(Long.class).set();
    }

    private long count(String sql) {
        return jdbc.sql(sql).param("org", orgId).param("prefix", prefix + "%").query(Long.class).single();
    }
}
