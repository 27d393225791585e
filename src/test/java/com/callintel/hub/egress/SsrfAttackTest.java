package com.callintel.hub.egress;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.callintel.hub.ams.AmsConnectionRepository;
import com.callintel.hub.sandbox.ams.GenericRestAmsSimulator;
import com.callintel.hub.support.HubIntegrationTest;
import com.callintel.hub.support.LoopbackTarget;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, finding 1: a tenant admin points the AMS at something internal (the hub's management port, cloud
 * metadata, a private range, IPv6 forms of loopback, a name that resolves to the hub) and lets the hub call it.
 * Each attempt is refused when the URL is saved, and - for a name that only resolves inside later, or a redirect -
 * when the connection would be opened: the internal target never sees a single connection.
 */
class SsrfAttackTest extends HubIntegrationTest {

    private static final String EZLYNX_CREDENTIALS =
            "{\"clientId\":\"sandbox-ezlynx-client\",\"clientSecret\":\"sandbox-ezlynx-secret\"}";

    @Autowired
    GenericRestAmsSimulator ezlynx;
    @Autowired
    AmsConnectionRepository connections;
    @Autowired
    CloseableHttpClient egressHttpClient;
    @Autowired
    ProducerTemplate producer;
    @Value("${local.management.port}")
    int managementPort;

    /** The internal service the attacker is after; a fresh one per test, so its count is that test's alone. */
    private LoopbackTarget internal;

    @BeforeEach
    void cleanSimulator() {
        ezlynx.clearRecords();
        ezlynx.faults().clear();
        internal = LoopbackTarget.internal();
    }

    @AfterEach
    void closeTarget() {
        internal.close();
    }

    @Test
    void adminCannotPointTheAmsAtAnInternalAddress() throws Exception {
        TestTenant tenant = newTenant();
        int port = internal.port();
        List<String> attempts = List.of(
                // the reproduced chain: Jolokia on the management port writes a heap dump
                "http://127.0.0.1:" + managementPort + "/actuator/jolokia/exec/com.sun.management:type=HotSpotDiagnostic/dumpHeap/!/DIR!/hub.hprof/false?x=",
                "https://127.0.0.1:" + managementPort,
                "https://127.0.0.1:" + port,
                "https://localhost:" + port,
                "https://" + InetAddress.getLocalHost().getHostName() + ":" + port,
                "https://169.254.169.254/latest/meta-data/",
                "https://10.0.0.5",
                "https://172.16.0.1",
                "https://192.168.1.10",
                "https://100.64.0.1",
                "https://0.0.0.0:" + port,
                "https://2130706433:" + port,
                "https://[::1]:" + port,
                "https://[::ffff:127.0.0.1]:" + port,
                "https://[::ffff:a9fe:a9fe]/latest/meta-data/",
                "https://[fd00::1]/",
                "https://[fe80::1]/",
                "https://admin:secret@ams.example.test/",
                "http://ams.example.test/",
                "ftp://ams.example.test/");
        List<String> accepted = new ArrayList<>();
        for (String baseUrl : attempts) {
            var response = putAms(tenant, "generic-rest", baseUrl, "{}");
            if (response.statusCode() != 400 || !response.body().contains("'baseUrl'")
                    || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                accepted.add(baseUrl + " -> " + response.statusCode() + " " + response.body());
            }
        }

        assertThat(accepted).as("internal base URLs the admin API accepted").isEmpty();
        assertThat(call("GET", "/api/admin/ams-connection", adminToken(tenant), null).statusCode()).isEqualTo(404);
        assertThat(internal.connections()).isZero();
    }

    @Test
    void vendorHostsAndTheVendorsTokenEndpointCannotBeChanged() {
        TestTenant tenant = newTenant();
        String epicCredentials = "{\"clientId\":\"c\",\"clientSecret\":\"s\"}";

        assertThat(put(tenant, "applied-epic", "https://api.myappliedproducts.com.attacker.example", epicCredentials, "{}"))
                .contains("'baseUrl'");
        assertThat(put(tenant, "ams360", "https://attacker.example", epicCredentials, "{}")).contains("'baseUrl'");
        // the reproduced chain's token URL: the hub's own development token endpoint
        assertThat(put(tenant, "applied-epic", "https://api.myappliedproducts.com", epicCredentials,
                "{\"tokenUrl\":\"http://127.0.0.1:" + port + "/dev/token?user=admin\"}")).contains("'settings.tokenUrl'");
        assertThat(put(tenant, "applied-epic", "https://api.myappliedproducts.com", epicCredentials,
                "{\"tokenUrl\":\"https://attacker.example/token\"}")).contains("'settings.tokenUrl'");
        assertThat(put(tenant, "generic-rest", "https://ams.example.test", EZLYNX_CREDENTIALS,
                "{\"tokenUrl\":\"http://127.0.0.1:" + port + "/dev/token?user=admin\"}")).contains("'settings.tokenUrl'");
        assertThat(put(tenant, "generic-rest", "https://ams.example.test", EZLYNX_CREDENTIALS,
                "{\"tokenUrl\":\"https://169.254.169.254/token\"}")).contains("'settings.tokenUrl'");

        assertThat(putAms(tenant, "applied-epic", "https://api.myappliedproducts.com", "{}").statusCode())
                .as("the vendor's own host is fine").isEqualTo(200);
    }

    @Test
    void hostNameThatResolvesToTheHubIsRefusedWhenTheTokenIsFetched() throws Exception {
        TestTenant tenant = newTenant();
        // stored as if the name had resolved to a public address when the admin saved it (DNS rebinding)
        connections.save(tenant.orgId(), "generic-rest", "https://" + InetAddress.getLocalHost().getHostName() + ":"
                + internal.port(), EZLYNX_CREDENTIALS, null, "{}", "test");

        sendZoomCallFrom(tenant, "+15555550123", "ssrf-token-" + tenant.orgId());

        awaitFailedAttempt(tenant);
        assertThat(internal.connections()).as("connections that reached the internal target").isZero();
    }

    @Test
    void hostNameThatResolvesToTheHubIsRefusedWhenTheConnectorCallsIt() throws Exception {
        TestTenant tenant = newTenant();
        connections.save(tenant.orgId(), "generic-rest", "https://" + InetAddress.getLocalHost().getHostName() + ":"
                + internal.port(), EZLYNX_CREDENTIALS, null,
                "{\"tokenUrl\":\"" + ezlynx.baseUrl() + GenericRestAmsSimulator.TOKEN_PATH + "\"}", "test");

        sendZoomCallFrom(tenant, "+15555550123", "ssrf-call-" + tenant.orgId());

        awaitFailedAttempt(tenant);
        assertThat(ezlynx.received()).as("the token came from the sandbox AMS, so the search was attempted")
                .anySatisfy(r -> assertThat(r.path()).isEqualTo(GenericRestAmsSimulator.TOKEN_PATH));
        assertThat(internal.connections()).as("connections that reached the internal target").isZero();
    }

    @Test
    void redirectFromAnAllowedHostToAnInternalOneIsNotFollowed() throws Exception {
        try (LoopbackTarget redirector = LoopbackTarget.redirectingTo("http://127.0.0.1:" + internal.port() + "/")) {
            String allowed = "http://127.0.0.1:" + redirector.port();
            egress.allowSandboxSimulator(allowed);
            TestTenant viaConnector = newTenant();
            assertThat(putAms(viaConnector, "generic-rest", allowed,
                    "{\"tokenUrl\":\"" + ezlynx.baseUrl() + GenericRestAmsSimulator.TOKEN_PATH + "\"}").statusCode()).isEqualTo(200);
            TestTenant viaToken = newTenant();
            assertThat(putAms(viaToken, "generic-rest", allowed, "{}").statusCode()).isEqualTo(200);

            sendZoomCallFrom(viaConnector, "+15555550123", "ssrf-redirect-" + viaConnector.orgId());
            sendZoomCallFrom(viaToken, "+15555550123", "ssrf-redirect-" + viaToken.orgId());

            awaitFailedAttempt(viaConnector);
            awaitFailedAttempt(viaToken);
            assertThat(redirector.connections()).as("the allowed host was asked").isGreaterThanOrEqualTo(2);
            assertThat(internal.connections()).as("connections that followed the redirect inside").isZero();
        }
    }

    @Test
    void everyOutboundClientRefusesInternalAddressesWhenItConnects() throws Exception {
        int port = internal.port();
        List<String> targets = List.of(
                "http://127.0.0.1:" + port + "/",
                "http://localhost:" + port + "/",
                "http://" + InetAddress.getLocalHost().getHostName() + ":" + port + "/",
                "http://[::1]:" + port + "/",
                "http://[::ffff:127.0.0.1]:" + port + "/",
                "http://127.0.0.1:" + managementPort + "/actuator/health",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.5/",
                "http://100.64.0.1/");
        for (String target : targets) {
            assertThatThrownBy(() -> egressHttpClient.execute(new HttpGet(target), r -> r.getCode()))
                    .as("Java AMS client to " + target).isInstanceOf(RefusedAddressException.class);
            Exchange sent = producer.send("http:egress-probe", e -> e.getIn().setHeader(Exchange.HTTP_URI, target));
            assertThat(sent.getException()).as("Camel http to " + target).isNotNull();
            assertThat(rootCause(sent.getException())).as("Camel http to " + target).isInstanceOf(RefusedAddressException.class);
        }
        assertThat(internal.connections()).as("connections that reached the internal target").isZero();

        // the same clients still reach an allowed sandbox simulator: the refusals above are the policy, not a broken client
        int status = egressHttpClient.execute(new HttpGet(ezlynx.baseUrl() + GenericRestAmsSimulator.SEARCH_PATH),
                r -> r.getCode());
        assertThat(status).isBetween(200, 499);
    }

    private void awaitFailedAttempt(TestTenant tenant) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> syncs(tenant).stream()
                .anyMatch(s -> ((Number) s.get("attempts")).intValue() >= 1 && s.get("last_error") != null));
    }

    private String put(TestTenant tenant, String type, String baseUrl, String credentials, String settings) {
        var response = call("PUT", "/api/admin/ams-connection", adminToken(tenant), "{\"type\":\"" + type
                + "\",\"baseUrl\":\"" + baseUrl + "\",\"credentials\":" + credentials + ",\"settings\":" + settings + "}");
        assertThat(response.statusCode()).as(type + " " + baseUrl + " " + settings).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        return response.body();
    }

    private java.net.http.HttpResponse<String> putAms(TestTenant tenant, String type, String baseUrl, String settings) {
        return call("PUT", "/api/admin/ams-connection", adminToken(tenant), "{\"type\":\"" + type + "\",\"baseUrl\":\""
                + baseUrl + "\",\"credentials\":" + EZLYNX_CREDENTIALS + ",\"settings\":" + settings + "}");
    }

    private static Throwable rootCause(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

}
