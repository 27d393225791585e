package com.callintel.hub.ams;

import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.callintel.hub.support.HubIntegrationTest;
import com.callintel.hub.support.LoopbackAms;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tenant's AMS URL can reach anything that answers HTTP; whatever answered there must never be echoed back to
 * the tenant. Agents (GET /api/ams-syncs), the stored last_error, the admins' alert mail and screen pops carry a
 * phrase of the fixed vocabulary only; the answer itself stays in the operator log.
 */
class AmsErrorVocabularyTest extends HubIntegrationTest {

    private static final String BANNER = "internal secret banner: build 7.3.1-SNAPSHOT at 10.20.30.40, db=payroll";
    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** A phrase of the vocabulary, maybe with the AMS's status, maybe after "gave up after N attempts: ". */
    private static final Pattern VOCABULARY = Pattern.compile("(gave up after \\d+ attempts: )?("
            + Arrays.stream(AmsFailureReason.values()).map(r -> Pattern.quote(r.text())).collect(Collectors.joining("|"))
            + ")( \\(HTTP [1-5]\\d\\d\\))?");

    @Test
    void amsAnsweringForbiddenWithARevealingBodyShowsTenantsOnlyTheVocabulary() throws Exception {
        try (LoopbackAms internal = LoopbackAms.answering(403, "<html><h1>Forbidden</h1><p>" + BANNER + "</p></html>")) {
            TestTenant tenant = newTenant();
            String alerts = "alerts-" + tenant.orgId() + "@agency.test";
            call("PUT", "/api/admin/organization", adminToken(tenant), "{\"alertEmail\":\"" + alerts + "\"}");
            connectAppliedEpicAt(tenant, internal.baseUrl());
            sendZoomCallFrom(tenant, "+15555550123", "banner-call");
            awaitSyncsSettled(tenant, SETTLE);

            assertThat(syncs(tenant)).singleElement().satisfies(s -> {
                assertThat(s.get("status")).isEqualTo("dead");
                assertThat((String) s.get("last_error")).matches(VOCABULARY).doesNotContain("banner");
            });
            var listed = call("GET", "/api/ams-syncs", agentToken(tenant), null);
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(listed.body()).doesNotContain("banner").doesNotContain("10.20.30.40").doesNotContain("Forbidden");
            JsonNode rows = new ObjectMapper().readTree(listed.body());
            assertThat(rows).singleElement().satisfies(r -> assertThat(r.path("lastError").asText()).matches(VOCABULARY));

            await().atMost(SETTLE).until(() -> mailsTo(alerts).length == 1);
            assertThat(mailsTo(alerts)[0].getContent().toString()).doesNotContain("banner").doesNotContain("10.20.30.40");
        }
    }

    @Test
    void refusedConnectionShowsTenantsOnlyTheVocabularyNotTheAddress() throws Exception {
        TestTenant tenant = newTenant();
        String refusing = LoopbackAms.refusingBaseUrl();
        connectAppliedEpicAt(tenant, refusing);
        sendZoomCallFrom(tenant, "+15555550123", "refused-connection-call");
        await().atMost(SETTLE).until(() -> syncs(tenant).stream().anyMatch(s -> s.get("last_error") != null));

        String port = refusing.substring(refusing.lastIndexOf(':') + 1);
        assertThat(syncs(tenant)).singleElement().satisfies(s ->
                assertThat((String) s.get("last_error")).isEqualTo(AmsFailureReason.UNREACHABLE.text()));
        assertThat(call("GET", "/api/ams-syncs", agentToken(tenant), null).body())
                .doesNotContain(port).doesNotContain("127.0.0.1").doesNotContain("onnect");
    }

    @Test
    void screenPopOfAnAmsAnsweringARevealingBodyNamesOnlyTheVocabulary() throws Exception {
        try (LoopbackAms internal = LoopbackAms.answering(500, BANNER)) {
            TestTenant tenant = newTenant();
            connectAppliedEpicAt(tenant, internal.baseUrl());
            String body = new String(fixture("zoom", "inbound-ringing.json"), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("7412000000000000001", "vocabulary-ring");
            var signed = com.callintel.hub.sandbox.SampleSender.sign("zoom",
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8), secret("zoom"), java.time.Instant.now());
            assertThat(post("/webhooks/zoom/" + tenant.endpointKey("zoom"), signed.body(), signed.headers()).statusCode())
                    .isEqualTo(200);
            await().atMost(SETTLE).until(() -> pops(tenant) > 0);

            String payload = jdbc.sql("select payload::text from screen_pop where org_id = :org")
                    .param("org", tenant.orgId()).query(String.class).list().get(0);
            JsonNode card = new ObjectMapper().readTree(payload);
            assertThat(card.path("lookup").asText()).isEqualTo("unavailable");
            assertThat(card.path("lookupProblem").asText()).matches(VOCABULARY);
            assertThat(payload).doesNotContain("banner");
        }
    }

    private long pops(TestTenant tenant) {
        return jdbc.sql("select count(*) from screen_pop where org_id = :org").param("org", tenant.orgId())
                .query(Long.class).single();
    }


    private MimeMessage[] mailsTo(String address) throws Exception {
        return Arrays.stream(mailbox.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (Exception e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }
}
