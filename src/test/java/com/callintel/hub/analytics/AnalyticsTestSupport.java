package com.callintel.hub.analytics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Zoom Phone events with chosen times and outcomes, sent through the real intake, and the analytics answers. */
abstract class AnalyticsTestSupport extends HubIntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One Zoom event of a call: kind ringing, answered or ended (with Zoom's hang-up result). */
    record ZoomEvent(String kind, String callId, boolean inbound, String agentId, Instant start, Instant answered,
                     Instant end, String result, long eventTs) {

        static ZoomEvent ended(String callId, boolean inbound, String agentId, String start, Integer ringSeconds,
                               int talkOrRingSeconds, String result) {
            Instant s = Instant.parse(start);
            Instant a = ringSeconds == null ? null : s.plusSeconds(ringSeconds);
            Instant e = (a == null ? s : a).plusSeconds(talkOrRingSeconds);
            return new ZoomEvent("ended", callId, inbound, agentId, s, a, e, result, e.toEpochMilli());
        }

        ZoomEvent as(String otherKind) {
            long ts = switch (otherKind) {
                case "ringing" -> start.toEpochMilli();
                case "answered" -> answered.toEpochMilli();
                default -> eventTs;
            };
            return new ZoomEvent(otherKind, callId, inbound, agentId, start, answered, end, result, ts);
        }

        /** The same event as a provider redelivers it with a new event timestamp (so intake cannot tell). */
        ZoomEvent redelivered() {
            return new ZoomEvent(kind, callId, inbound, agentId, start, answered, end, result, eventTs + 1);
        }

        String json() {
            String agent = "{\"extension_type\":\"user\",\"extension_number\":101,\"user_id\":\"" + agentId
                    + "\",\"name\":\"Agent " + agentId + "\",\"phone_number\":\"+15555550100\"}";
            String outside = "{\"name\":\"Marcus Bell\",\"phone_number\":\"+15555550123\",\"extension_type\":\"pstn\"}";
            String party = inbound ? "callee" : "caller";
            StringBuilder o = new StringBuilder("{\"call_id\":\"" + callId + "\",\"caller\":" + (inbound ? outside : agent)
                    + ",\"callee\":" + (inbound ? agent : outside) + ",\"ringing_start_time\":\"" + start + "\"");
            if (!kind.equals("ringing") && answered != null) {
                o.append(",\"answer_start_time\":\"").append(answered).append('"');
            }
            if (kind.equals("ended")) {
                o.append(",\"call_end_time\":\"").append(end).append("\",\"handup_result\":\"").append(result).append('"');
            }
            return "{\"event\":\"phone." + party + "_" + kind + "\",\"event_ts\":" + eventTs
                    + ",\"payload\":{\"account_id\":\"AbCd\",\"object\":" + o + "}}}";
        }
    }

    void sendZoom(TestTenant tenant, ZoomEvent event) {
        sendZoomJson(tenant, event.json());
    }

    void sendZoomJson(TestTenant tenant, String json) {
        var signed = SampleSender.sign("zoom", json.getBytes(StandardCharsets.UTF_8), secret("zoom"), Instant.now());
        var response = post("/webhooks/zoom/" + tenant.endpointKey("zoom"), signed.body(), signed.headers());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    void sendSms(TestTenant tenant, String messageId, boolean inbound, String at) {
        String outside = "{\"phone_number\":\"+15555550123\",\"display_name\":\"Marcus Bell\"}";
        String member = "{\"id\":\"zU_a\",\"type\":\"user\",\"display_name\":\"Agent A\",\"phone_number\":\"+15555550100\"}";
        sendZoomJson(tenant, "{\"event\":\"phone.sms_" + (inbound ? "received" : "sent") + "\",\"event_ts\":"
                + Instant.parse(at).toEpochMilli() + ",\"payload\":{\"object\":{\"sender\":" + (inbound ? outside : member)
                + ",\"to_members\":[" + (inbound ? member : outside) + "],\"message\":\"Hello there\",\"message_id\":\""
                + messageId + "\",\"date_time\":\"" + at + "\"}}}");
    }

    /** Waits until the organization has {@code calls} call facts, each as current as its call row. */
    void awaitFacts(TestTenant tenant, long calls) {
        awaitProcessed(tenant);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.sql("""
                select count(*) from call_fact f join call c on c.org_id = f.org_id and c.provider = f.provider
                    and c.provider_call_id = f.provider_call_id and c.event_count = f.source_version
                where f.org_id = :org""").param("org", tenant.orgId()).query(Long.class).single() == calls);
    }

    JsonNode analytics(TestTenant tenant, String view, String query) {
        var response = call("GET", "/api/analytics/" + view + "?" + query, agentToken(tenant), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
