package com.callintel.hub.ai;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.callintel.hub.privacy.PrivacyPurge;
import com.callintel.hub.sandbox.ai.AnthropicSimulator;
import com.callintel.hub.sandbox.ai.AnthropicSimulator.Fault;
import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.support.DatabaseScan;
import com.callintel.hub.support.HubIntegrationTest;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * AI call intelligence end to end: a Dialpad call and its transcript reach the hub, the base note is written, the
 * analysis (from the sandbox's Messages API simulator) updates the same note with intent, sentiment and actions;
 * once per transcript, with each organization's own key and budget; a refused key stops and tells the admins.
 */
class CallAnalysisFlowTest extends HubIntegrationTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String TRANSCRIPT = "Caller: I need a certificate of insurance for my landlord. Thank you so much. "
            + "Agent: I will send the certificate by email on 2026-12-09.";

    @Autowired
    AnthropicSimulator anthropic;
    @Autowired
    PrivacyPurge purge;

    @BeforeEach
    void simulatorAsNew() {
        anthropic.clear();
    }

    @Test
    void theAnalysisUpdatesTheCallsNoteInPlace() {
        TestTenant tenant = tenantWithAi("sk-ant-flow-1");

        sendCall(tenant, "6263000000000101", TRANSCRIPT);
        awaitAnalysed(tenant, "done");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(created(CreatedRecord.Kind.ACTIVITY)).hasSize(1);
        String latest = latestNoteText();
        assertThat(latest).contains("AI analysis: intent certificate request · sentiment positive")
                .contains("I will send the certificate by email on 2026-12-09. (due 2026-12-09)")
                .contains("Summary: Caller: I need a certificate of insurance for my landlord. (AI)");
        assertThat(anthropic.received()).singleElement().satisfies(r -> {
            assertThat(r.apiKey()).isEqualTo("sk-ant-flow-1");
            assertThat(r.version()).isEqualTo("2023-06-01");
        });
        assertThat(jdbc.sql("select count(*) from audit_log where org_id = :org and action = 'POST anthropic /v1/messages'")
                .param("org", tenant.orgId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theOrganizationsExportHoldsItsAnalysesAndNeverItsKey() throws Exception {
        TestTenant tenant = tenantWithAi("sk-ant-export-1");
        sendCall(tenant, "6263000000000108", TRANSCRIPT);
        awaitAnalysed(tenant, "done");

        var export = call("GET", "/api/admin/export", adminToken(tenant), null);

        assertThat(export.statusCode()).isEqualTo(200);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(export.body());
        assertThat(json.path("callAnalyses")).singleElement().satisfies(a -> {
            assertThat(a.path("intent").asText()).isEqualTo("certificate_request");
            assertThat(a.path("summary").asText()).contains("certificate of insurance");
        });
        assertThat(json.path("aiSetting").get(0).path("api_key_set").asBoolean()).isTrue();
        assertThat(json.path("aiTokenUse").get(0).path("tokens").asLong()).isPositive();
        assertThat(export.body()).doesNotContain("sk-ant-export-1");
    }

    @Test
    void aTranscriptDeliveredAgainIsNotAnalysedAgainButALongerOneIs() {
        TestTenant tenant = tenantWithAi("sk-ant-flow-2");
        sendCall(tenant, "6263000000000102", TRANSCRIPT);
        awaitAnalysed(tenant, "done");

        // the same transcript in a new event (another timestamp: a new event to the hub), then a longer one
        sendTranscript(tenant, "6263000000000102", TRANSCRIPT, 1772464231000L);
        awaitProcessed(tenant);
        sendTranscript(tenant, "6263000000000102", TRANSCRIPT + " Caller: Great, thanks.", 1772464232000L);
        await().atMost(SETTLE).until(() -> analyses(tenant, "done") == 2);

        assertThat(anthropic.received()).hasSize(2);
        assertThat(analyses(tenant, null)).isEqualTo(2);
        awaitSyncsSettled(tenant, SETTLE);
    }

    @Test
    void passingFailuresAreRetriedAfterTheRetryAfterTheApiSent() {
        TestTenant tenant = tenantWithAi("sk-ant-flow-3");
        anthropic.failNext(new Fault(429, "rate_limit_error", 1), new Fault(529, "overloaded_error", 1));

        sendCall(tenant, "6263000000000103", TRANSCRIPT);
        awaitAnalysed(tenant, "done");

        assertThat(anthropic.received()).hasSize(3);
        assertThat(jdbc.sql("select attempts from call_analysis where org_id = :org").param("org", tenant.orgId())
                .query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void aReplyRefusedForItsSchemaStillSpendsTheOrganizationsBudget() {
        TestTenant tenant = tenantWithAi("sk-ant-flow-off-schema");
        anthropic.replyWithToolInput("{\"summary\":\"A call.\",\"intent\":\"lunch\",\"sentiment\":\"neutral\","
                + "\"follow_up_actions\":[]}");

        sendCall(tenant, "6263000000000110", TRANSCRIPT);
        await().atMost(SETTLE).until(() -> jdbc.sql("select count(*) from call_analysis where org_id = :org "
                + "and status = 'pending' and last_error like '%schema%'").param("org", tenant.orgId()).query(Long.class).single() == 1);
        long spentOnTheRefusedReply = tokensToday(tenant);
        assertThat(spentOnTheRefusedReply).isPositive();

        anthropic.replyWithToolInput(null);
        jdbc.sql("update call_analysis set next_attempt_at = now() where org_id = :org").param("org", tenant.orgId()).update();
        awaitAnalysed(tenant, "done");

        long spentOnTheAnalysis = jdbc.sql("select input_tokens + output_tokens from call_analysis where org_id = :org")
                .param("org", tenant.orgId()).query(Long.class).single();
        assertThat(anthropic.received()).hasSize(2);
        assertThat(tokensToday(tenant)).isEqualTo(spentOnTheRefusedReply + spentOnTheAnalysis);
    }

    private long tokensToday(TestTenant tenant) {
        return jdbc.sql("select coalesce(sum(tokens), 0) from ai_token_use where org_id = :org")
                .param("org", tenant.orgId()).query(Long.class).single();
    }

    @Test
    void anAnalysisLeftMidRequestByANodeThatDiedIsTakenAgainAfterItsLeaseAndDoneOnce() {
        TestTenant tenant = tenantWithAi("sk-ant-flow-lease");
        jdbc.sql("update ai_setting set enabled = false where org_id = :org").param("org", tenant.orgId()).update();
        sendCall(tenant, "6263000000000109", TRANSCRIPT);
        // the analysis as a node leaves it when it dies during the request: leased, one attempt spent
        jdbc.sql("""
                insert into call_analysis (org_id, call_id, transcript_md5, status, attempts, next_attempt_at)
                select org_id, id, md5(transcript), 'analysing', 1, now() + interval '2 seconds' from call
                where org_id = :org""").param("org", tenant.orgId()).update();
        jdbc.sql("update ai_setting set enabled = true where org_id = :org").param("org", tenant.orgId()).update();

        awaitAnalysed(tenant, "done");

        assertThat(anthropic.received()).hasSize(1);
        assertThat(jdbc.sql("select attempts from call_analysis where org_id = :org").param("org", tenant.orgId())
                .query(Integer.class).single()).isEqualTo(2);
        awaitSyncsSettled(tenant, SETTLE);
        assertThat(latestNoteText()).contains("AI analysis: intent certificate request");
    }

    @Test
    void aRefusedKeyDeadLettersTheAnalysisAndMailsTheAdminsButTheNoteIsWritten() throws MessagingException {
        TestTenant tenant = tenantWithAi("sk-ant-revoked");
        anthropic.revokeKey("sk-ant-revoked");
        String alerts = "ai-alerts-" + tenant.orgId() + "@agency.test";
        assertThat(call("PUT", "/api/admin/organization", adminToken(tenant), "{\"alertEmail\":\"" + alerts + "\"}")
                .statusCode()).isEqualTo(200);

        sendCall(tenant, "6263000000000104", TRANSCRIPT);
        awaitAnalysed(tenant, "dead");
        awaitSyncsSettled(tenant, SETTLE);

        assertThat(created(CreatedRecord.Kind.ACTIVITY)).hasSize(1);
        assertThat(latestNoteText()).doesNotContain("AI analysis");
        var setting = call("GET", "/api/admin/ai", adminToken(tenant), null);
        assertThat(setting.body()).contains("\"keyRefusedAt\":\"").doesNotContain("sk-ant-revoked");
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(alerts).size() == 1);
        assertThat(mailsTo(alerts).get(0).getSubject()).contains("Anthropic API key was refused");
        assertThat(GreenMailUtil.getBody(mailsTo(alerts).get(0))).doesNotContain("certificate").doesNotContain("555");
    }

    @Test
    void eachOrganizationSpendsOnlyItsOwnKeyAndBudget() {
        TestTenant spent = tenantWithAi("sk-ant-org-a");
        TestTenant fresh = tenantWithAi("sk-ant-org-b");
        jdbc.sql("insert into ai_token_use (org_id, day, tokens) values (:org, :day, 1000000)")
                .param("org", spent.orgId()).param("day", CallAnalyses.today(clock.instant())).update();

        sendCall(spent, "6263000000000105", TRANSCRIPT);
        sendCall(fresh, "6263000000000106", TRANSCRIPT);
        awaitAnalysed(fresh, "done");
        await().atMost(SETTLE).until(() -> jdbc.sql("select count(*) from call_analysis where org_id = :org "
                + "and last_error like '%budget%'").param("org", spent.orgId()).query(Long.class).single() == 1);

        assertThat(anthropic.received()).extracting(AnthropicSimulator.Received::apiKey).containsExactly("sk-ant-org-b");
        assertThat(analyses(spent, "pending")).isEqualTo(1);
    }

    @Test
    void afterThePurgeNoAnalysisTextIsLeftAnywhere() {
        TestTenant tenant = tenantWithAi("sk-ant-flow-6");
        sendCall(tenant, "6263000000000107", TRANSCRIPT);
        awaitAnalysed(tenant, "done");
        awaitSyncsSettled(tenant, SETTLE);
        DatabaseScan scan = new DatabaseScan(jdbc);
        assertThat(scan.columnsHolding(tenant.orgId(), "certificate of insurance for my landlord"))
                .contains("call_analysis.summary");

        clock.advance(Duration.ofHours(2));
        purge.afterSync();

        assertThat(scan.columnsHolding(tenant.orgId(), "certificate of insurance for my landlord")).isEmpty();
        assertThat(scan.columnsHolding(tenant.orgId(), "send the certificate by email")).isEmpty();
        assertThat(jdbc.sql("select intent from call_analysis where org_id = :org").param("org", tenant.orgId())
                .query(String.class).single()).isEqualTo("certificate_request");
    }

    @Test
    void switchingAiOnNeedsAKeyAndTheSettingNeverShowsIt() {
        TestTenant tenant = newTenant();

        var refused = call("PUT", "/api/admin/ai", adminToken(tenant), "{\"enabled\":true}");
        var badKey = call("PUT", "/api/admin/ai", adminToken(tenant), "{\"enabled\":true,\"apiKey\":\"two words\"}");
        var notBoolean = call("PUT", "/api/admin/ai", adminToken(tenant), "{\"enabled\":\"yes\",\"apiKey\":\"sk-ant-x\"}");
        var byAgent = call("PUT", "/api/admin/ai", agentToken(tenant), "{\"enabled\":true,\"apiKey\":\"sk-ant-x\"}");
        var on = call("PUT", "/api/admin/ai", adminToken(tenant), "{\"enabled\":true,\"apiKey\":\"sk-ant-secret-9\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("apiKey");
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(notBoolean.statusCode()).isEqualTo(400);
        assertThat(byAgent.statusCode()).isEqualTo(403);
        assertThat(on.statusCode()).isEqualTo(200);
        assertThat(on.body()).contains("\"enabled\":true").contains("\"keySet\":true").doesNotContain("sk-ant-secret-9");
        assertThat(new DatabaseScan(jdbc).columnsHolding("sk-ant-secret-9")).isEmpty();
    }

    private TestTenant tenantWithAi(String key) {
        TestTenant tenant = newTenant();
        connectAppliedEpic(tenant, epic, null);
        anthropic.acceptKey(key);
        var response = call("PUT", "/api/admin/ai", adminToken(tenant), "{\"enabled\":true,\"apiKey\":\"" + key + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return tenant;
    }

    private void sendCall(TestTenant tenant, String callId, String transcript) {
        for (var signed : TranscribedCalls.call(callId, transcript, secret("dialpad"))) {
            post(tenant, signed);
        }
    }

    private void sendTranscript(TestTenant tenant, String callId, String transcript, long eventTimestamp) {
        post(tenant, TranscribedCalls.transcript(callId, transcript, eventTimestamp, secret("dialpad")));
    }

    private void post(TestTenant tenant, com.callintel.hub.sandbox.SampleSender.SignedRequest signed) {
        var response = post("/webhooks/dialpad/" + tenant.endpointKey("dialpad"), signed.body(), signed.headers());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        awaitProcessed(tenant);
    }

    private void awaitAnalysed(TestTenant tenant, String status) {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).until(() -> analyses(tenant, status) >= 1);
    }

    private long analyses(TestTenant tenant, String status) {
        return jdbc.sql("select count(*) from call_analysis where org_id = :org and (cast(:status as text) is null or status = :status)")
                .param("org", tenant.orgId()).param("status", status).query(Long.class).single();
    }

    private List<CreatedRecord> created(CreatedRecord.Kind kind) {
        return epic.created().stream().filter(r -> r.kind() == kind).toList();
    }

    private String latestNoteText() {
        List<CreatedRecord> all = epic.created();
        return all.get(all.size() - 1).text();
    }

    private List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(mailbox.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }
}
