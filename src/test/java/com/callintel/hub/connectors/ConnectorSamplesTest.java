package com.callintel.hub.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.callintel.hub.connectorcheck.ExpectedRows;
import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every connector's own samples, through the real hub: each scenario folder of
 * {@code connectors/voip/<name>/samples/} holds the webhooks of one story (sent in file-name order, each signed by
 * the connector's declared proof with the account's secret) and {@code expected.json}, the canonical calls and SMS
 * the hub must store. Each scenario is also sent twice (every repeat an acknowledged duplicate, nothing changed) and
 * in reverse order (the same rows, unless the expectation says {@code "orderMatters": true}). A provider whose file
 * brings samples needs no test class of its own (docs/connectors.md, "Samples").
 */
class ConnectorSamplesTest extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicNode> everyConnectorsSamplesGiveTheirExpectedRows() {
        List<DynamicNode> connectorsWithSamples = new ArrayList<>();
        for (VoipConnector connector : connectors.voipConnectors()) {
            List<Path> scenarios = ConnectorSamples.scenarios(connector.file());
            if (!scenarios.isEmpty()) {
                connectorsWithSamples.add(dynamicContainer(connector.provider(), scenarios.stream().map(scenario ->
                        dynamicContainer(scenario.getFileName().toString(), Stream.of(
                                dynamicTest("in order", () -> inOrder(connector, scenario)),
                                dynamicTest("each twice", () -> twice(connector, scenario)),
                                dynamicTest("in reverse order", () -> reversed(connector, scenario)))))));
            }
        }
        return connectorsWithSamples.stream();
    }

    private void inOrder(VoipConnector connector, Path scenario) throws IOException {
        TestTenant tenant = newTenant();
        for (Path event : ConnectorSamples.events(scenario)) {
            assertThat(sendSample(tenant, connector, event).statusCode()).as(event.toString()).isEqualTo(200);
        }
        awaitProcessed(tenant);
        assertStored(tenant, connector, scenario);
    }

    private void twice(VoipConnector connector, Path scenario) throws IOException {
        TestTenant tenant = newTenant();
        for (Path event : ConnectorSamples.events(scenario)) {
            assertThat(sendSample(tenant, connector, event).statusCode()).as(event.toString()).isEqualTo(200);
            HttpResponse<String> again = sendSample(tenant, connector, event);
            assertThat(again.statusCode()).as("repeat of " + event).isEqualTo(200);
            assertThat(again.body()).as("repeat of " + event + " is acknowledged as a duplicate").contains("\"duplicate\":true");
        }
        awaitProcessed(tenant);
        assertStored(tenant, connector, scenario);
    }

    private void reversed(VoipConnector connector, Path scenario) throws IOException {
        if (ConnectorSamples.expected(scenario).path("orderMatters").asBoolean(false)) {
            return;
        }
        TestTenant tenant = newTenant();
        List<Path> events = new ArrayList<>(ConnectorSamples.events(scenario));
        java.util.Collections.reverse(events);
        for (Path event : events) {
            assertThat(sendSample(tenant, connector, event).statusCode()).as(event.toString()).isEqualTo(200);
        }
        awaitProcessed(tenant);
        assertStored(tenant, connector, scenario);
    }

    private HttpResponse<String> sendSample(TestTenant tenant, VoipConnector connector, Path event) throws IOException {
        SampleSender.SignedRequest signed = SampleSender.sign(connector, Files.readAllBytes(event),
                secret(connector.provider()), Instant.now());
        return post("/webhooks/" + connector.provider() + "/" + tenant.endpointKey(connector.provider()), signed.body(),
                signed.headers());
    }

    private void assertStored(TestTenant tenant, VoipConnector connector, Path scenario) throws IOException {
        JsonNode expected = ConnectorSamples.expected(scenario);
        assertThat(eventsWithStatus(tenant, "failed")).as("events the normalizer failed").isEmpty();
        compare(scenario, "calls", expected.path("calls"), rows("call", "provider_call_id", tenant, connector));
        compare(scenario, "messages", expected.path("messages"), rows("sms_message", "provider_message_id", tenant, connector));
    }

    private List<JsonNode> rows(String table, String idColumn, TestTenant tenant, VoipConnector connector) {
        return jdbc.sql("select to_jsonb(t)::text from " + table + " t where org_id = :org and provider = :provider order by "
                        + idColumn)
                .param("org", tenant.orgId()).param("provider", connector.provider()).query(String.class).list()
                .stream().map(ConnectorSamplesTest::json).toList();
    }

    /** The stored rows, one per expected row (matched by their provider id), each expected field equal. */
    private static void compare(Path scenario, String what, JsonNode expected, List<JsonNode> stored) {
        assertThat(ExpectedRows.differences(what, expected, stored)).as(scenario.resolve("expected.json") + " (" + what + ")")
                .isEmpty();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
