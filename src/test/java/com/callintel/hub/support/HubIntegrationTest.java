package com.callintel.hub.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.access.DevIdentityProvider;
import com.callintel.hub.connectors.ConnectorCatalog;
import com.callintel.hub.egress.EgressPolicy;
import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.sandbox.SandboxConfiguration;
import com.callintel.hub.sandbox.SandboxHubApplication;
import com.callintel.hub.sandbox.ams.AppliedEpicSimulator;
import com.icegreen.greenmail.util.GreenMail;
import com.callintel.hub.sandbox.SampleSender.SignedRequest;
import com.callintel.hub.tenancy.EndpointKeys;
import com.callintel.hub.tenancy.Organization;
import com.callintel.hub.tenancy.TenantRepository;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * Base of the integration tests: the real hub with its sandbox (a real embedded PostgreSQL, the AMS simulators, the
 * development identity provider), driven over HTTP as a provider would, checked in the database. Each test makes
 * its own organization so tests never see each other's rows.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = SandboxHubApplication.SETTINGS)
@TestPropertySource(locations = "classpath:hub-test.properties")
@Import({SandboxConfiguration.class, HubIntegrationTest.Clocks.class, TestServers.class})
public abstract class HubIntegrationTest {

    /** The hub's clock, movable by tests (reset after each test). */
    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    @Autowired
    protected TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** The sandbox Applied Epic of this context; every test starts with it up, without faults or records. */
    @Autowired
    protected AppliedEpicSimulator epic;

    @BeforeEach
    void sandboxAmsAsNew() {
        epic.faults().clear();
        if (!epic.isUp()) {
            epic.comeUp();
        }
        epic.clearRecords();
    }

    /** The secrets of the worked examples in shared/fixtures/voip/<provider>/signing.md. */
    public static final Map<String, String> FIXTURE_SECRETS = Map.of(
            "dialpad", "dp_test_secret_5f2c9a",
            "ringcentral", "rc-verif-4b7e19c2a8",
            "vonage", "vng_sig_secret_3a9d5c1e7b",
            "zoom", "zm_test_secret_7d41b0");

    protected static final Path FIXTURES = Path.of("../shared/fixtures/voip");
    protected static final String GOTO_API_TOKEN = TestServers.GOTO_API_TOKEN;

    /** The SMTP server the hub sends its alert mails to, one per test context (TestServers). */
    @Autowired
    protected GreenMail mailbox;
    /** The GoTo API the goto connector fetches reports from, one per test context (TestServers). */
    @Autowired
    protected GoToApiSimulator gotoApi;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;
    @Autowired
    protected TenantRepository tenants;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected ConnectorCatalog connectors;
    @Autowired
    protected DevIdentityProvider identityProvider;
    @Autowired
    protected EgressPolicy egress;

    /** A fresh organization with one account per provider, fixture secrets and random endpoint keys. */
    protected TestTenant newTenant() {
        UUID orgId = UUID.randomUUID();
        tenants.saveOrganization(new Organization(orgId, "Test Agency " + orgId, "US", "America/Chicago"));
        Map<String, String> keys = new java.util.HashMap<>();
        connectors.voipConnectors().stream().map(c -> c.provider()).forEach(provider -> {
            String secret = secret(provider);
            String key = EndpointKeys.generate();
            UUID accountId = UUID.randomUUID();
            tenants.saveProviderAccount(orgId, accountId, provider, key, secret);
            if (provider.equals("goto")) {
                tenants.saveApiToken(orgId, accountId, GOTO_API_TOKEN);
            }
            keys.put(provider, key);
        });
        return new TestTenant(orgId, Map.copyOf(keys));
    }

    /** The worked-example secret of a provider's fixtures, or a made-up one for a provider that has none. */
    protected static String secret(String provider) {
        return FIXTURE_SECRETS.getOrDefault(provider, "test-secret-" + provider);
    }

    protected static byte[] fixture(String folder, String name) {
        try {
            return Files.readAllBytes(FIXTURES.resolve(folder).resolve(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts a fixture signed as its provider signs it, now. */
    protected HttpResponse<String> send(TestTenant tenant, String provider, String folder, String fixtureName) {
        SignedRequest signed = SampleSender.sign(provider, fixture(folder, fixtureName), secret(provider), Instant.now());
        return post("/webhooks/" + provider + "/" + tenant.endpointKey(provider), signed.body(), signed.headers());
    }

    protected HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return exchange(request);
    }

    protected HttpResponse<String> get(String path) {
        return call("GET", path, null, null);
    }

    /** An API call as a signed-in user ({@code token} may be null for none); {@code json} is the body, if any. */
    protected HttpResponse<String> call(String method, String path, String token, String json) {
        HttpRequest.Builder request = request(path)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange(request);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A sign-in token of the development identity provider for a member of the tenant's organization. */
    protected String token(TestTenant tenant, String role) {
        return identityProvider.sign(Map.of("sub", "user_" + role + "_" + tenant.orgId(), "org_id", tenant.orgId().toString(),
                "org_role", role, "email", role + "@" + tenant.orgId() + ".test"), Duration.ofMinutes(5));
    }

    protected String adminToken(TestTenant tenant) {
        return token(tenant, "org:admin");
    }

    /**
     * Signs an admin of the tenant in through the browser sign-in (so the hub learns their address, as the notices
     * use it); answers the address.
     */
    protected String signInAdmin(TestTenant tenant, String name) {
        String address = name + "@" + tenant.orgId() + ".test";
        OidcBrowserFlow.signInToTheHub(port, identityProvider.sign(Map.of("sub", "user_" + name + "_" + tenant.orgId(),
                "org_id", tenant.orgId().toString(), "org_role", "org:admin", "email", address), Duration.ofMinutes(5)));
        return address;
    }

    protected String agentToken(TestTenant tenant) {
        return token(tenant, "org:member");
    }

    /** Waits until every stored event of the organization has left the queue (processed, ignored or failed). */
    protected void awaitProcessed(TestTenant tenant) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.sql(
                "select count(*) from inbound_event where org_id = :org and status in ('pending', 'processing')")
                .param("org", tenant.orgId()).query(Long.class).single() == 0);
    }

    protected long storedEvents(TestTenant tenant) {
        return jdbc.sql("select count(*) from inbound_event where org_id = :org")
                .param("org", tenant.orgId()).query(Long.class).single();
    }

    protected List<Map<String, Object>> eventsWithStatus(TestTenant tenant, String status) {
        return jdbc.sql("select event_kind, failure_reason from inbound_event where org_id = :org and status = :status")
                .param("org", tenant.orgId()).param("status", status).query().listOfRows();
    }

    /** The organization's call row for a provider call id, as the hub recorded it. */
    protected CallRow call(TestTenant tenant, String provider, String providerCallId) {
        return jdbc.sql("""
                select provider_call_id, direction, from_number, to_number, external_number, external_name,
                    agent_id, agent_name, agent_email, agent_extension, state, outcome, started_at, answered_at,
                    ended_at, duration_seconds, recording_url, transcript_url, transcript, summary, event_count
                from call where org_id = :org and provider = :provider and provider_call_id = :id
                """)
                .param("org", tenant.orgId()).param("provider", provider).param("id", providerCallId)
                .query(CallRow.class).single();
    }

    protected long calls(TestTenant tenant) {
        return jdbc.sql("select count(*) from call where org_id = :org")
                .param("org", tenant.orgId()).query(Long.class).single();
    }

    protected SmsRow sms(TestTenant tenant, String provider, String messageId) {
        return jdbc.sql("""
                select provider_message_id, direction, from_number, to_number, external_number, external_name,
                    agent_id, agent_name, body, sent_at
                from sms_message where org_id = :org and provider = :provider and provider_message_id = :id
                """)
                .param("org", tenant.orgId()).param("provider", provider).param("id", messageId)
                .query(SmsRow.class).single();
    }

    /** A whole answered inbound call from {@code caller}, as one Zoom "ended" event, processed. */
    protected void sendZoomCallFrom(TestTenant tenant, String caller, String callId) {
        String body = new String(fixture("zoom", "inbound-completed.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+15555550123", caller).replace("7412000000000000001", callId);
        SignedRequest signed = SampleSender.sign("zoom", body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                secret("zoom"), Instant.now());
        HttpResponse<String> response = post("/webhooks/zoom/" + tenant.endpointKey("zoom"), signed.body(), signed.headers());
        if (response.statusCode() != 200) {
            throw new AssertionError("webhook refused: " + response.body());
        }
        awaitProcessed(tenant);
    }

    /** Connects the tenant's organization to the sandbox Applied Epic simulator, as an admin would. */
    /**
     * Connects the organization to an Applied Epic at {@code baseUrl} (a loopback server a test runs, standing for
     * whatever a tenant's URL reaches), its token endpoint under that URL; the egress policy lets exactly it through.
     */
    protected void connectAppliedEpicAt(TestTenant tenant, String baseUrl) {
        egress.allowSandboxSimulator(baseUrl);
        var response = call("PUT", "/api/admin/ams-connection", adminToken(tenant), "{\"type\":\"applied-epic\","
                + "\"baseUrl\":\"" + baseUrl + "\",\"activityCode\":\"65536\",\"credentials\":"
                + "{\"clientId\":\"fake-client-id-0001\",\"clientSecret\":\"fake-client-secret-0001\"},\"settings\":"
                + "{\"agencyId\":\"a1a1a1a1-0000-4000-8000-000000000001\",\"branchId\":\"b2b2b2b2-0000-4000-8000-000000000002\"}}");
        if (response.statusCode() != 200) {
            throw new AssertionError("could not connect the AMS: " + response.body());
        }
    }

    protected void connectAppliedEpic(TestTenant tenant, AppliedEpicSimulator epic, String extraSettings) {
        String settings = "{\"agencyId\":\"a1a1a1a1-0000-4000-8000-000000000001\","
                + (extraSettings == null ? "" : extraSettings + ",")
                + "\"branchId\":\"b2b2b2b2-0000-4000-8000-000000000002\",\"tokenUrl\":\"" + epic.tokenUrl() + "\"}";
        var response = call("PUT", "/api/admin/ams-connection", adminToken(tenant), "{\"type\":\"applied-epic\","
                + "\"baseUrl\":\"" + epic.baseUrl() + "\",\"activityCode\":\"65536\",\"credentials\":"
                + "{\"clientId\":\"fake-client-id-0001\",\"clientSecret\":\"fake-client-secret-0001\","
                + "\"scope\":\"epic/accounts:search epic/activity:read epic/activity:write\"},\"settings\":" + settings + "}");
        if (response.statusCode() != 200) {
            throw new AssertionError("could not connect the AMS: " + response.body());
        }
    }

    /** Waits until none of the organization's AMS syncs is due or running. */
    protected void awaitSyncsSettled(TestTenant tenant, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.sql(
                "select count(*) from ams_sync where org_id = :org and status in ('pending', 'syncing')")
                .param("org", tenant.orgId()).query(Long.class).single() == 0);
    }

    protected List<Map<String, Object>> syncs(TestTenant tenant) {
        return jdbc.sql("select id, source_kind, status, target_id, ams_record_id, candidates::text as candidates, attempts, "
                        + "last_error, synced_at from ams_sync where org_id = :org order by id")
                .param("org", tenant.orgId()).query().listOfRows();
    }

    /** An organization made for one test and its endpoint key per provider. */
    public record TestTenant(UUID orgId, Map<String, String> endpointKeys) {
        public String endpointKey(String provider) {
            return endpointKeys.get(provider);
        }
    }

    /** A call as stored, with the derived outcome and duration. */
    public record CallRow(String providerCallId, String direction, String fromNumber, String toNumber,
                          String externalNumber, String externalName, String agentId, String agentName,
                          String agentEmail, String agentExtension, String state, String outcome,
                          Instant startedAt, Instant answeredAt, Instant endedAt, Integer durationSeconds,
                          String recordingUrl, String transcriptUrl, String transcript, String summary,
                          int eventCount) {
    }

    /** An SMS as stored. */
    public record SmsRow(String providerMessageId, String direction, String fromNumber, String toNumber,
                         String externalNumber, String externalName, String agentId, String agentName,
                         String body, Instant sentAt) {
    }
}
