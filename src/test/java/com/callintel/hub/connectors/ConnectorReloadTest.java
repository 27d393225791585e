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
import java.util.stream.Stream;

import com.callintel.hub.sandbox.SandboxProperties;
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
 * provider is gone. The hub runs on a copy of the connector folder, never on the project's own.
 */
class ConnectorReloadTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PROVIDER = "acme-phone";

    @TempDir
    static Path dir;
    private static ConfigurableApplicationContext hub;
    private static Path voip;

    @BeforeAll
    static void startOnACopyOfTheConnectors() throws IOException {
        Path connectors = dir.resolve("connectors");
        try (Stream<Path> files = Files.walk(Path.of("connectors"))) {
            for (Path source : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".kamelet.yaml")).toList()) {
                Path target = connectors.resolve(Path.of("connectors").relativize(source));
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
            }
        }
        voip = connectors.resolve("voip");
        hub = StandaloneHub.start(dir.resolve("data"),
                "callintel.connectors.dir=" + connectors,
                "camel.main.routes-include-pattern=file:" + connectors + "/**/*.kamelet.yaml,file:routes/**/*.yaml",
                "camel.component.kamelet.location=file:" + voip + ",file:" + connectors.resolve("ams"),
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
