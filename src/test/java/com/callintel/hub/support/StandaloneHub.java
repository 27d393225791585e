package com.callintel.hub.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.callintel.hub.CallIntelHubApplication;
import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.sandbox.SandboxConfiguration;
import com.callintel.hub.sandbox.SandboxHubApplication;
import com.callintel.hub.tenancy.Organization;
import com.callintel.hub.tenancy.TenantRepository;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A whole hub with its sandbox started and stopped by a test, on a data folder the test owns: for restarts, node
 * deaths and database outages, which a cached Spring test context cannot show.
 */
public final class StandaloneHub {

    public static final String ZOOM_SECRET = "zm_test_secret_7d41b0";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StandaloneHub() {
    }

    /** Starts a hub on {@code dataDir}; {@code extra} are more properties ("name=value"). */
    public static ConfigurableApplicationContext start(Path dataDir, String... extra) {
        String deployment = "hub-" + UUID.randomUUID();
        return run(List.of(
                // Quartz keeps one connection registry per scheduler name in the JVM, and its jobs find their
                // CamelContext by name: names of the deployment's own keep other hubs in this JVM out of both
                "spring.quartz.scheduler-name=" + deployment,
                "camel.main.name=" + deployment,
                "callintel.db.embedded.data-dir=" + dataDir.resolve("pg"),
                "callintel.db.embedded.delete-on-close=false",
                "callintel.vault.dev-key-file=" + dataDir.resolve("vault.key")), extra);
    }

    /**
     * A second hub node on the first node's database (its embedded PostgreSQL, reached over loopback as an
     * external database would be) and vault key: two nodes of one deployment. {@code extra} as for start.
     */
    public static ConfigurableApplicationContext startSecondNode(ConfigurableApplicationContext first, Path firstDataDir,
                                                                 String... extra) {
        String url = ((com.zaxxer.hikari.HikariDataSource) first.getBean(javax.sql.DataSource.class)).getJdbcUrl();
        return run(List.of(
                "spring.quartz.scheduler-name=" + first.getEnvironment().getProperty("spring.quartz.scheduler-name"),
                "camel.main.name=" + first.getEnvironment().getProperty("camel.main.name"),
                "spring.datasource.url=" + url,
                "spring.datasource.username=postgres",
                "callintel.access.dev-issuer.allow-external-database=true",   // the first node's embedded database
                "callintel.vault.dev-key-file=" + firstDataDir.resolve("vault.key"),
                // both nodes live in this JVM: the second registers no Camel MBeans (its CamelContext keeps the
                // deployment's name, which Quartz jobs look it up by)
                "camel.main.jmx-enabled=false"), extra);
    }

    private static ConfigurableApplicationContext run(List<String> node, String... extra) {
        List<String> properties = new ArrayList<>(List.of(
                SandboxHubApplication.SETTINGS,
                "server.port=0",
                "management.server.port=0",
                // other hubs may live in this JVM (a second node, the suite's shared test context): own MBean names
                "spring.jmx.unique-names=true",
                "callintel.processing.poll-delay=200",
                "spring.main.banner-mode=off",
                "logging.level.root=WARN",
                "callintel.sandbox.mailbox=false"));
        properties.addAll(node);
        properties.addAll(List.of(extra));
        // command-line arguments, so they win over config/application.yaml
        return new SpringApplicationBuilder(CallIntelHubApplication.class, SandboxConfiguration.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    /** The HTTP port a started hub listens on. */
    public static int port(ConfigurableApplicationContext hub) {
        return Integer.parseInt(hub.getEnvironment().getProperty("local.server.port"));
    }

    /** An organization with a Zoom account whose endpoint key is {@code key}. */
    public static void seedZoomAccount(ConfigurableApplicationContext hub, UUID orgId, String key) {
        TenantRepository tenants = hub.getBean(TenantRepository.class);
        tenants.saveOrganization(new Organization(orgId, "Agency " + orgId, "US", "America/Chicago"));
        tenants.saveProviderAccount(orgId, UUID.randomUUID(), "zoom", key, ZOOM_SECRET);
    }

    /** Posts a Zoom event body, signed now, to the hub. */
    public static HttpResponse<String> sendZoom(ConfigurableApplicationContext hub, String key, byte[] body) {
        return post(hub, "zoom", key, SampleSender.sign("zoom", body, ZOOM_SECRET, Instant.now()));
    }

    /** Posts a signed webhook to the provider endpoint {@code key} of the hub, as the provider would. */
    public static HttpResponse<String> post(ConfigurableApplicationContext hub, String provider, String key,
                                            SampleSender.SignedRequest signed) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(hub)
                        + "/webhooks/" + provider + "/" + key))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
        signed.headers().forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static long count(ConfigurableApplicationContext hub, String sql, UUID orgId) {
        return hub.getBean(JdbcClient.class).sql(sql).param("org", orgId).query(Long.class).single();
    }
}
