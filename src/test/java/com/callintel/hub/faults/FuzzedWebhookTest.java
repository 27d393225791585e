package com.callintel.hub.faults;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import com.callintel.hub.connectors.ConnectorCatalog;
import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.sandbox.SampleSender.SignedRequest;
import com.callintel.hub.support.StandaloneHub;
import com.callintel.hub.tenancy.EndpointKeys;
import com.callintel.hub.tenancy.Organization;
import com.callintel.hub.tenancy.TenantRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile bodies through the real intake: every provider's fixtures mutated (fields dropped, nulled, retyped,
 * huge or odd strings, deep nesting, truncation, bad UTF-8), signed as the provider signs, posted to a whole hub.
 * The promise: a 2xx or a 4xx, never a 5xx; every accepted event ends processed, ignored or failed, a failure
 * with a reason a person can act on. Cases per run: system property {@code callintel.fuzz.cases} (the suite runs
 * a few hundred, shared equally by the providers), or {@code callintel.fuzz.cases-per-provider} (the bench
 * version, {@code bench/fuzz.sh}: 10,000 each).
 */
class FuzzedWebhookTest {

    private static final int CASES = Integer.getInteger("callintel.fuzz.cases", 300);
    private static final Path FIXTURES = Path.of("../shared/fixtures/voip");
    private static final Map<String, String> SECRETS = Map.of(
            "dialpad", "dp_test_secret_5f2c9a",
            "ringcentral", "rc-verif-4b7e19c2a8",
            "vonage", "vng_sig_secret_3a9d5c1e7b",
            "zoom", "zm_test_secret_7d41b0");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dataDir;
    private static ConfigurableApplicationContext hub;
    private static UUID orgId;
    private static final Map<String, String> KEYS = new TreeMap<>();

    @BeforeContainer
    static void startHub() throws IOException {
        dataDir = Files.createTempDirectory("callintel-fuzz");
        hub = StandaloneHub.start(dataDir,
                "callintel.intake.rate-limit-capacity=100000", "callintel.intake.rate-limit-per-second=100000",
                "callintel.intake.unverified-capacity=100000", "callintel.intake.unverified-per-minute=100000",
                "callintel.processing.retry-delay=1s", "callintel.processing.max-attempts=2");
        orgId = UUID.randomUUID();
        TenantRepository tenants = hub.getBean(TenantRepository.class);
        tenants.saveOrganization(new Organization(orgId, "Fuzzed Agency " + orgId, "US", "America/Chicago"));
        hub.getBean(ConnectorCatalog.class).voipConnectors().forEach(c -> {
            String key = EndpointKeys.generate();
            tenants.saveProviderAccount(orgId, UUID.randomUUID(), c.provider(), key, secret(c.provider()));
            KEYS.put(c.provider(), key);
        });
    }

    @AfterContainer
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Example
    void mutatedSignedWebhooksGetA2xxOrA4xxAndEveryAcceptedOneEndsWithAHumanReason() {
        List<String> fiveHundreds = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = java.util.Collections.synchronizedMap(new TreeMap<>());
        Map<String, Map<Integer, Integer>> byProvider = java.util.Collections.synchronizedMap(new TreeMap<>());
        int perProvider = Integer.getInteger("callintel.fuzz.cases-per-provider", (CASES + KEYS.size() - 1) / KEYS.size());
        // the bench version posts from a few threads (callintel.fuzz.threads); cases are made on this one
        int threads = Integer.getInteger("callintel.fuzz.threads", 1);
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(threads * 2);
        KEYS.keySet().stream().flatMap(provider -> cases(provider).sampleStream().limit(perProvider)).forEach(c -> {
            inFlight.acquireUninterruptibly();
            senders.execute(() -> {
                try {
                    send(c, statuses, byProvider, fiveHundreds);
                } finally {
                    inFlight.release();
                }
            });
        });
        senders.shutdown();
        try {
            assertThat(senders.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES)).as("all cases sent").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        System.out.println("fuzzed webhooks, answers by status (0 = could not be signed): " + statuses);
        System.out.println("fuzzed webhooks, " + perProvider + " cases per provider, answers by provider: " + byProvider);
        assertThat(fiveHundreds).as("bad input must be a 4xx").isEmpty();

        JdbcClient jdbc = hub.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql(
                "select count(*) from inbound_event where org_id = :org and status in ('pending', 'processing')")
                .param("org", orgId).query(Long.class).single() == 0);
        List<Map<String, Object>> ended = jdbc.sql("select status, failure_reason from inbound_event where org_id = :org")
                .param("org", orgId).query().listOfRows();
        Map<Object, Long> mix = new TreeMap<>();
        ended.forEach(row -> mix.merge(row.get("status"), 1L, Long::sum));
        System.out.println("fuzzed webhooks, stored events by status: " + mix);
        ended.stream().filter(row -> "failed".equals(row.get("status"))).map(row -> row.get("failure_reason")).distinct()
                .forEach(reason -> System.out.println("fuzzed webhooks, failure reason: " + reason));
        assertThat(ended).allSatisfy(row -> assertThat(row.get("status")).isIn("processed", "ignored", "failed"));
        assertThat(ended).filteredOn(row -> "failed".equals(row.get("status")))
                .allSatisfy(row -> assertThat((String) row.get("failure_reason")).isNotBlank().hasSizeLessThan(300)
                        .doesNotContain("Exception").doesNotContain("_match_impl").doesNotContain("Cannot index")
                        .doesNotContain("is not applicable"));
    }

    private static void send(Case c, Map<Integer, Integer> statuses, Map<String, Map<Integer, Integer>> byProvider,
                             List<String> fiveHundreds) {
        SignedRequest signed;
        try {
            signed = SampleSender.sign(c.provider(), c.body(), secret(c.provider()), Instant.now());
        } catch (RuntimeException unsignable) {
            // e.g. Dialpad signs the JSON as JWT claims: a body that is not JSON cannot be signed, so not sent
            statuses.merge(0, 1, Integer::sum);
            return;
        }
        HttpResponse<String> response = post(c.provider(), signed);
        statuses.merge(response.statusCode(), 1, Integer::sum);
        byProvider.computeIfAbsent(c.provider(), p -> java.util.Collections.synchronizedMap(new TreeMap<>()))
                .merge(response.statusCode(), 1, Integer::sum);
        if (response.statusCode() >= 500 || response.statusCode() < 200) {
            fiveHundreds.add(c.describe() + " -> " + response.statusCode() + " " + response.body());
        }
    }

    /** One fixture of one provider, mutated once. */
    record Case(String provider, String fixture, Mutation mutation, byte[] body) {
        String describe() {
            return provider + "/" + fixture + " " + mutation;
        }
    }

    /** Cases of one provider: each provider gets as many, however many fixtures it has. */
    private static Arbitrary<Case> cases(String provider) {
        List<Path> fixtures = fixtures(provider);
        return Combinators.combine(Arbitraries.of(fixtures), Mutation.arbitrary()).as((f, mutation) -> {
            byte[] original = read(f);
            return new Case(provider, f.getParent().getFileName() + "/" + f.getFileName(), mutation, mutation.apply(original));
        });
    }

    /**
     * Every JSON sample of an installed connector: its own (connectors/voip/&lt;name&gt;/samples/), and for the six
     * providers of ../shared their fixtures there.
     */
    private static List<Path> fixtures(String provider) {
        List<Path> all = new ArrayList<>();
        Path samples = Path.of("connectors/voip", provider, "samples");
        if (Files.isDirectory(samples)) {
            try (Stream<Path> files = Files.walk(samples)) {
                files.filter(f -> f.toString().endsWith(".json") && !f.getFileName().toString().equals("expected.json"))
                        .sorted().forEach(all::add);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        Path shared = FIXTURES.resolve(provider.equals("vonage-business") ? "vonage" : provider);
        if (Files.isDirectory(shared)) {
            try (Stream<Path> files = Files.list(shared)) {
                files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                        .filter(f -> !provider.equals("vonage") || !f.getFileName().toString().startsWith("vbc-"))
                        .filter(f -> !provider.equals("vonage-business") || f.getFileName().toString().startsWith("vbc-"))
                        .forEach(all::add);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no samples for " + provider + " in " + samples + " nor " + shared);
        }
        return all;
    }

    private static byte[] read(Path fixture) {
        try {
            return Files.readAllBytes(fixture);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> post(String provider, SignedRequest signed) {
        return StandaloneHub.post(hub, provider, KEYS.get(provider), signed);
    }

    private static String secret(String provider) {
        return SECRETS.getOrDefault(provider, "test-secret-" + provider);
    }

    static JsonNode tree(byte[] body) throws IOException {
        return JSON.readTree(body);
    }
}
