package com.callintel.hub.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.callintel.hub.ai.TranscribedCalls;
import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.sandbox.ai.AnthropicSimulator;
import com.callintel.hub.sandbox.ams.AppliedEpicSimulator;
import com.callintel.hub.sandbox.ams.CreatedRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of the hub while a call's AI analysis waits for its retry (Anthropic answered 529 with a
 * {@code retry-after}), then a start on the same database: the analysis is taken up where it was and done exactly
 * once - one done analysis, its tokens spent once, one note update with it on the call's one AMS activity.
 * The Messages API simulator runs in this test, outside the hub, so it outlives the kill.
 */
class AnalysisKilledIT {

    private static final String KEY = "sk-ant-fault-suite-0001";
    private static final String DIALPAD_SECRET = "dp_fault_suite_secret_0001";
    private static final String TRANSCRIPT = "Caller: I need a certificate of insurance for my landlord. "
            + "Agent: I will send the certificate by email on 2026-12-09.";
    private static final Duration SETTLE = Duration.ofSeconds(120);

    private final Path dir = HubKilledIT.temp();
    private final AppliedEpicSimulator epic = AppliedEpicSimulator.builder().build();
    private final AnthropicSimulator anthropic = new AnthropicSimulator(0, KEY);
    private HubProcess hub;

    @AfterEach
    void cleanUp() {
        if (hub != null) {
            hub.stop();
        }
        anthropic.close();
        epic.close();
        PostgresServer.killLeftOver(dir.resolve("pgdata"));
        FileSystemUtils.deleteRecursively(dir.toFile());
    }

    @Test
    void anAnalysisWaitingForItsRetryWhenTheHubIsKilledIsDoneOnceAfterTheRestart() throws Exception {
        epic.start();
        FaultTenant tenant = new FaultTenant(UUID.randomUUID());
        int databasePort = HubProcess.freePort();
        hub = new HubProcess("analysis-killed", FaultSuite.logs(), FaultSuite.hubArguments(dir, HubKilledIT.concat(
                tenant.hubArguments(epic.baseUrl()), List.of(
                        "callintel.db.embedded.data-dir=" + dir.resolve("pgdata"),
                        "callintel.db.embedded.port=" + databasePort,
                        "callintel.sandbox.ai-analysis=false",
                        "callintel.sandbox.ai-base-url=" + anthropic.baseUrl())))).start();
        JdbcClient jdbc = FaultSuite.jdbc("jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres");
        tenant.setUp(hub, jdbc, epic);
        String webhook = tenant.switchAiOnWithDialpad(hub, KEY, DIALPAD_SECRET);
        anthropic.failNext(new AnthropicSimulator.Fault(529, "overloaded_error", 20));

        for (SampleSender.SignedRequest signed : TranscribedCalls.call("6263000000000901", TRANSCRIPT, DIALPAD_SECRET)) {
            post(hub.baseUrl() + webhook, signed);
        }
        await().atMost(SETTLE).until(() -> analyses(jdbc, tenant, "pending", "%overloaded_error%") == 1);
        hub.kill();
        FaultSuite.log("analysis-killed: kill -9 while the analysis waited for its retry (attempt 1 answered 529)");

        hub.start();
        FaultSuite.log("analysis-killed: restart " + hub.lastStart().toMillis() + " ms");
        await().atMost(SETTLE).until(() -> analyses(jdbc, tenant, "done", "%") == 1);
        await().atMost(SETTLE).until(() -> epic.created().stream().anyMatch(r -> r.text().contains("AI analysis:")));
        await().atMost(SETTLE).until(() -> jdbc.sql("select count(*) from ams_sync where org_id = :org "
                + "and status in ('pending', 'syncing')").param("org", tenant.orgId()).query(Long.class).single() == 0);

        assertThat(anthropic.received()).hasSize(2);
        assertThat(analyses(jdbc, tenant, null, "%")).isEqualTo(1);
        assertThat(jdbc.sql("select attempts from call_analysis where org_id = :org").param("org", tenant.orgId())
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select tokens from ai_token_use where org_id = :org").param("org", tenant.orgId())
                .query(Long.class).single()).isEqualTo(jdbc.sql("select input_tokens + output_tokens from call_analysis "
                + "where org_id = :org").param("org", tenant.orgId()).query(Long.class).single());
        List<CreatedRecord> records = epic.created();
        assertThat(records.stream().filter(r -> r.kind() == CreatedRecord.Kind.ACTIVITY)).hasSize(1);
        assertThat(records.stream().filter(r -> r.text().contains("AI analysis: intent certificate request"))).hasSize(1);
    }

    private static long analyses(JdbcClient jdbc, FaultTenant tenant, String status, String lastError) {
        return jdbc.sql("""
                select count(*) from call_analysis where org_id = :org
                and (cast(:status as text) is null or status = :status) and coalesce(last_error, '') like :error""")
                .param("org", tenant.orgId()).param("status", status).param("error", lastError)
                .query(Long.class).single();
    }

    private static void post(String url, SampleSender.SignedRequest signed) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
        signed.headers().forEach(request::header);
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
