package com.callintel.hub.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.callintel.hub.sandbox.SandboxProperties;
import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.sandbox.ams.GenericRestAmsSimulator;
import com.callintel.hub.sandbox.ams.ReceivedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.callintel.hub.support.StandaloneHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Connector files on a running hub: a file dropped into connectors/voip/ is a provider within a look at the folder
 * (its demo account made by the sandbox), a changed file's mapping is used from the next event on, an invalid
 * change is refused with the file and reason while the previous version keeps serving, and a removed file's
 * provider is gone. The same for a REST AMS file dropped into connectors/ams/rest/: an AMS type admins can choose,
 * whose notes reach the AMS, refused with the file and field when invalid. The hub runs on a copy of the connector
 * folder, never on the project's own.
 */
class ConnectorReloadTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PROVIDER = "acme-phone";
    private static final String AMS_TYPE = "acme-ams";
    /** Marcus Bell (+1 555-555-0123) in the sandbox REST AMS's client book. */
    private static final String MARCUS_BELL_RECORD = "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7101";
    private static final Path ZOOM = Path.of("../shared/fixtures/voip/zoom");
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static ConfigurableApplicationContext hub;
    private static Path voip;
    private static Path restAms;

    @BeforeAll
    static void startOnACopyOfTheConnectors() throws IOException {
        Path connectors = dir.resolve("connectors");
        try (Stream<Path> files = Files.walk(Path.of("connectors"))) {
            // the connector files: Kamelets, and the REST AMS files of connectors/ams/rest
            for (Path source : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Path target = connectors.resolve(Path.of("connectors").relativize(source));
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
            }
        }
        voip = connectors.resolve("voip");
        restAms = connectors.resolve("ams/rest");
        hub = StandaloneHub.start(dir.resolve("data"),
                "callintel.connectors.dir=" + connectors,
                "camel.main.routes-include-pattern=file:" + connectors + "/**/*.kamelet.yaml,file:routes/**/*.yaml",
                "camel.component.kamelet.location=file:" + voip + ",file:" + connectors.resolve("ams"),
                // an operator's override of one REST AMS parameter wins over the file's value
                "camel.component.kamelet.route-properties.ams-" + AMS_TYPE + ".noteIdPath=(\"op-\" + .NoteId)",
                // the test looks at the folder itself, when it wants to
                "callintel.connectors.watch=false");
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aConnectorFileIsAddedChangedRefusedWhenBrokenAndRemovedWithoutARestart() throws Exception {
        ConnectorCatalog catalog = hub.getBean(ConnectorCatalog.class);
        Path file = voip.resolve(PROVIDER + ".kamelet.yaml");
        String original = Files.readString(voip.resolve("vonage-business.kamelet.yaml")).replace("name: vonage-business", "name: " + PROVIDER);
        assertThat(post("ring-1").statusCode()).as("no such provider yet").isEqualTo(404);

        Files.writeString(file, original);
        VoipConnectorsChanged added = catalog.refresh();

        assertThat(added.added()).extracting(VoipConnector::provider).containsExactly(PROVIDER);
        assertThat(post("ring-1").statusCode()).as("the new provider takes webhooks at its demo account").isEqualTo(200);
        awaitCall("ring-1");
        assertThat(externalName("ring-1")).isEqualTo("MARCUS BELL");

        Files.writeString(file, original.replace("externalName: $e.callerId,", "externalName: \"Changed mapping\","));
        assertThat(catalog.refresh().changed()).extracting(VoipConnector::provider).containsExactly(PROVIDER);
        assertThat(post("ring-2").statusCode()).isEqualTo(200);
        awaitCall("ring-2");
        assertThat(externalName("ring-2")).as("the changed mapping, from the next event on").isEqualTo("Changed mapping");

        Files.writeString(file, original.replace("callintel.io/handshake: none", "callintel.io/handshake: smoke-signals"));
        VoipConnectorsChanged broken = catalog.refresh();
        assertThat(broken.refused()).singleElement().asString().contains(PROVIDER + ".kamelet.yaml").contains("smoke-signals");
        assertThat(post("ring-3").statusCode()).as("the previous version keeps serving").isEqualTo(200);
        awaitCall("ring-3");
        assertThat(externalName("ring-3")).isEqualTo("Changed mapping");
        assertThat(catalog.refresh().refused()).as("a refused file is refused once, not at every look").isEmpty();

        // a template whose jq Camel loads but could never compile: refused on reload, not at its first event
        Files.writeString(file, original.replace("externalName: $e.callerId,", "externalName: ($e.callerId | ascii_downcase(,"));
        VoipConnectorsChanged badJq = catalog.refresh();
        assertThat(badJq.refused()).singleElement().asString().contains(PROVIDER + ".kamelet.yaml:").contains("jq does not compile");
        assertThat(post("ring-3b").statusCode()).isEqualTo(200);
        awaitCall("ring-3b");
        assertThat(externalName("ring-3b")).as("the previous version keeps serving").isEqualTo("Changed mapping");

        Files.delete(file);
        assertThat(catalog.refresh().removed()).containsExactly(PROVIDER);
        assertThat(post("ring-4").statusCode()).as("a removed connector's provider is gone").isEqualTo(404);
    }

    @Test
    void aRestAmsFileIsAnAmsTypeWhoseNotesSyncWithoutARestart() throws Exception {
        AmsConnectorCatalog catalog = hub.getBean(AmsConnectorCatalog.class);
        GenericRestAmsSimulator ams = hub.getBean(GenericRestAmsSimulator.class);
        Path file = restAms.resolve(AMS_TYPE + ".yaml");
        String original = Files.readString(restAms.resolve("generic-rest.yaml"))
                .replace("name: generic-rest", "name: " + AMS_TYPE).replace("title: Generic REST AMS", "title: Acme AMS");
        String admin = adminToken();
        HttpResponse<String> unknown = connectAms(admin, ams.baseUrl());
        assertThat(unknown.statusCode()).as("no such AMS type yet").isEqualTo(400);
        assertThat(unknown.body()).contains("generic-rest").doesNotContain(AMS_TYPE);

        Files.writeString(file, original);
        assertThat(catalog.refresh().added()).extracting(AmsConnector::type).containsExactly(AMS_TYPE);

        JsonNode listed = find(JSON.readTree(api("GET", "/api/admin/connectors", admin, null).body()), AMS_TYPE);
        assertThat(listed.path("kind").asText()).isEqualTo("ams");
        assertThat(listed.path("title").asText()).isEqualTo("Acme AMS");
        assertThat(listed.path("credentials").toString()).isEqualTo("[\"clientId\",\"clientSecret\"]");
        HttpResponse<String> connected = connectAms(admin, ams.baseUrl());
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);

        ams.clearRecords();
        String zoomKey = hub.getBean(SandboxProperties.class).accountFor("zoom").endpointKey();
        assertThat(StandaloneHub.sendZoom(hub, zoomKey, Files.readAllBytes(ZOOM.resolve("inbound-completed.json"))).statusCode())
                .isEqualTo(200);
        await().atMost(SETTLE).until(() -> notes(ams).size() == 1 && syncsSettled());
        assertThat(notes(ams).get(0).clientId()).as("the caller's applicant").isEqualTo(MARCUS_BELL_RECORD);
        assertThat(jdbc().sql("select ams_record_id from ams_sync where org_id = :org")
                .param("org", hub.getBean(SandboxProperties.class).orgId()).query(String.class).single())
                .as("the operator's noteIdPath (application.yaml) over the file's").isEqualTo("op-" + notes(ams).get(0).id());
        assertThat(notePosts(ams)).singleElement().satisfies(post ->
                assertThat(JSON.readTree(post.body()).path("Subject").asText()).startsWith("Inbound call Marcus Bell"));

        // an invalid change is refused with the file and field; the previous version keeps serving
        Files.writeString(file, original.replace("noteIdPath: .NoteId ", "noteIdPath: .NoteId | "));
        AmsConnectorsChanged broken = catalog.refresh();
        assertThat(broken.refused()).singleElement().asString().contains(AMS_TYPE + ".yaml")
                .contains("spec.parameters.noteIdPath").contains("jq does not compile");
        assertThat(catalog.ams(AMS_TYPE)).get().extracting(c -> c.parameters().get("noteIdPath")).isEqualTo(".NoteId");
        assertThat(catalog.refresh().refused()).as("refused once, not at every look").isEmpty();

        // a valid change is used from the next call to the AMS on
        Files.writeString(file, original.replace("noteBody: '{Subject: .description, Body: .text}'",
                "noteBody: '{Subject: (\"Acme: \" + .description), Body: .text}'"));
        assertThat(catalog.refresh().changed()).extracting(AmsConnector::type).containsExactly(AMS_TYPE);
        assertThat(StandaloneHub.sendZoom(hub, zoomKey, Files.readAllBytes(ZOOM.resolve("transcript-completed.json"))).statusCode())
                .isEqualTo(200);
        await().atMost(SETTLE).until(() -> notes(ams).size() == 2 && syncsSettled());
        assertThat(JSON.readTree(notePosts(ams).get(1).body()).path("Subject").asText()).startsWith("Acme: ");

        Files.delete(file);
        assertThat(catalog.refresh().removed()).containsExactly(AMS_TYPE);
        assertThat(connectAms(admin, ams.baseUrl()).statusCode()).as("a removed file's type is gone").isEqualTo(400);
    }

    private static List<CreatedRecord> notes(GenericRestAmsSimulator ams) {
        return ams.created().stream().filter(r -> r.kind() == CreatedRecord.Kind.NOTE).toList();
    }

    private static List<ReceivedRequest> notePosts(GenericRestAmsSimulator ams) {
        return ams.received().stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/notes")).toList();
    }

    private static boolean syncsSettled() {
        return jdbc().sql("select count(*) from ams_sync where org_id = :org and status in ('pending', 'syncing')")
                .param("org", hub.getBean(SandboxProperties.class).orgId()).query(Long.class).single() == 0;
    }

    private static HttpResponse<String> connectAms(String admin, String baseUrl) throws Exception {
        return api("PUT", "/api/admin/ams-connection", admin, "{\"type\":\"" + AMS_TYPE + "\",\"baseUrl\":\"" + baseUrl
                + "\",\"credentials\":{\"clientId\":\"sandbox-ezlynx-client\",\"clientSecret\":\"sandbox-ezlynx-secret\"}}");
    }

    private static String adminToken() throws Exception {
        return JSON.readTree(api("POST", "/dev/token?user=admin", null, "").body()).path("access_token").asText();
    }

    private static HttpResponse<String> api(String method, String path, String token, String body) throws Exception {
        int port = hub.getEnvironment().getProperty("local.server.port", Integer.class);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode find(JsonNode list, String type) {
        for (JsonNode entry : list) {
            if (type.equals(entry.path("type").asText())) {
                return entry;
            }
        }
        throw new AssertionError("no connector entry of type " + type + " in " + list);
    }

    private HttpResponse<String> post(String callId) throws Exception {
        String body = Files.readString(Path.of("../shared/fixtures/voip/vonage/vbc-call-event-ringing.json"))
                .replace("abc1234-288c-40d3-8ec8-3618a3ae0001", callId).replace("9f3c1b2a-0001", "event-" + callId);
        String key = SandboxProperties.derivedAccount(PROVIDER).endpointKey();
        int port = hub.getEnvironment().getProperty("local.server.port", Integer.class);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/" + PROVIDER + "/" + key))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitCall(String callId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc().sql(
                "select count(*) from call where provider = :p and provider_call_id = :id")
                .param("p", PROVIDER).param("id", callId).query(Long.class).single() == 1);
    }

    private String externalName(String callId) {
        return jdbc().sql("select external_name from call where provider = :p and provider_call_id = :id")
                .param("p", PROVIDER).param("id", callId).query(String.class).single();
    }

    private static JdbcClient jdbc() {
        return hub.getBean(JdbcClient.class);
    }
}
