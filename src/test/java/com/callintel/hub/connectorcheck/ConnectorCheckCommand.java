package com.callintel.hub.connectorcheck;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import com.callintel.hub.connectors.ConnectorCatalog;
import com.callintel.hub.connectors.ConnectorSamples;
import com.callintel.hub.connectors.TemplateJq;
import com.callintel.hub.connectors.VoipConnector;
import com.callintel.hub.connectors.VoipConnectorCheck;
import com.callintel.hub.intake.StandaloneIntake;
import com.callintel.hub.intake.signature.SignatureScheme;
import com.callintel.hub.processing.CanonicalEvents;
import com.callintel.hub.processing.NormalizedEvents;
import com.callintel.hub.processing.ProviderApiTokens;
import com.callintel.hub.processing.ProviderApiUris;
import com.callintel.hub.processing.StandaloneProcessing;
import com.callintel.hub.tenancy.Organization;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.LoggerFactory;

/**
 * {@code connector check}: the integrator's inner loop for a VoIP connector file, in seconds, without starting the hub.
 * <pre>./mvnw -q compile exec:java@check -Dexec.args="aircall"</pre>
 * (a connector name of {@code connectors/voip/}, or a file; several, or none for every connector). For each file:
 * <ol>
 * <li>the checks a running hub applies before it takes a new or changed file (YAML, the annotations, the proof and
 * its parameters, the handshake, the event-identity jq, Camel loading it as a Kamelet), and its normalizer route
 * must start (the template's jq compiles);
 * <li>each sample scenario ({@code <name>/samples/<scenario>/}): every webhook signed with a fresh secret by the
 * proof the file declares and verified back through it, the event to be stored checked not to hold the secret,
 * named by the event identity (a repeat is stored once, as the hub does), run through the normalizer in a small
 * Camel context and made canonical, printed as JSON;
 * <li>the canonical events merged by the hub's own ledger into a throw-away PostgreSQL (in sending order, then in
 * reverse unless {@code "orderMatters": true}), the rows compared with {@code expected.json}, each difference
 * printed as {@code <scenario>/expected.json: call <id> <column> expected X, got Y}.
 * </ol>
 * Exit code 0 when everything passes, 1 when anything fails, 2 for a usage error. What it does not do (the suite's
 * {@code ConnectorSamplesTest} does): the HTTP intake (content types, handshakes, the acknowledgement), an event
 * whose normalizer fetches from the provider's API with an account's token, {@code {{callintel.…}}} properties in a
 * template, and the conventions of {@code ConnectorConventionsTest} (parameter documentation, header comments).
 */
public final class ConnectorCheckCommand {

    private static final Path VOIP = Path.of("connectors", "voip");
    private static final String SUFFIX = ".kamelet.yaml";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final PrintStream out;
    private final CanonicalEvents canonical = new CanonicalEvents();
    private final List<String> failures = new ArrayList<>();
    /** Started (in the background) when the first connector passes its file checks and has samples. */
    private CompletableFuture<ThrowawayStore> store;
    private int scenarios;

    private ConnectorCheckCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        quietLogging();
        System.exit(run(List.of(args), System.out));
    }

    /**
     * Checks the connectors named in {@code args} (names of {@code connectors/voip/} or files; none: all of them),
     * printing what it does to {@code out}. Returns the exit code: 0 all pass, 1 something failed, 2 usage.
     */
    public static int run(List<String> args, PrintStream out) {
        long started = System.nanoTime();
        List<Path> files;
        try {
            files = files(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("usage: ./mvnw -q compile exec:java@check -Dexec.args=\"<name or file> …\"  (e.g. aircall,"
                    + " or connectors/voip/aircall.kamelet.yaml; none: every connector of " + VOIP + "/)");
            return 2;
        }
        ConnectorCheckCommand check = new ConnectorCheckCommand(out);
        try {
            files.forEach(check::connector);
        } finally {
            check.closeStore();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (check.failures.isEmpty()) {
            out.println("PASS");
        } else {
            out.println("FAILED, " + check.failures.size() + (check.failures.size() == 1 ? " problem:" : " problems:"));
            check.failures.forEach(f -> out.println("  " + f));
        }
        out.printf(Locale.ROOT, "checked %d scenarios in %.1f s%n", check.scenarios, seconds);
        return check.failures.isEmpty() ? 0 : 1;
    }

    /** One connector file: the hub's checks, then its samples. */
    private void connector(Path file) {
        out.println(file);
        try (CamelContext camel = new DefaultCamelContext()) {
            bindHubBeans(camel);
            camel.start();
            StandaloneIntake intake = new StandaloneIntake(camel);
            VoipConnector connector = checked(file, camel, intake);
            if (connector == null) {
                return;
            }
            out.println("  file: YAML, annotations, proof '" + connector.signatureScheme() + "', handshake '"
                    + connector.handshake() + "', event identity, Kamelet and normalizer route: ok");
            ConnectorSamples.problems(file).forEach(this::fail);
            List<Path> found = ConnectorSamples.scenarios(file);
            if (found.isEmpty()) {
                // not a failure here: the six original providers keep their fixtures in ../shared (the conventions
                // test requires one or the other)
                out.println("  no samples, so only the file was checked: add " + ConnectorSamples.folder(file)
                        + "/<scenario>/ with the webhook bodies (01-….json, sent in name order) and " + ConnectorSamples.EXPECTED
                        + " (docs/connectors.md, \"Samples\")");
                return;
            }
            startStore();
            try (ProducerTemplate producer = camel.createProducerTemplate()) {
                for (Path scenario : found) {
                    scenario(connector, scenario, intake, camel, producer);
                }
            }
        } catch (Exception e) {
            fail(file + ": the check stopped: " + rootMessage(e));
        }
    }

    /**
     * The connector as the hub reads it, after every check a running hub applies before taking the file (the
     * intake's and the normalizers', then the normalizers' install into this context), and with its normalizer route
     * started; null (the reason printed) when it fails one.
     */
    private VoipConnector checked(Path file, CamelContext camel, StandaloneIntake intake) {
        try {
            VoipConnector connector = ConnectorCatalog.readVoip(file);
            List<VoipConnectorCheck> checks = List.of(intake.connectorCheck(), StandaloneProcessing.normalizers(camel));
            checks.forEach(c -> c.check(connector));
            checks.forEach(c -> c.install(connector));
            try {
                camel.getEndpoint(normalizer(connector));   // adds the route from the template: its jq compiles now
            } catch (RuntimeException e) {
                String reason = rootMessage(e);
                throw new IllegalStateException(file + TemplateJq.fileLine(file, camel, reason)
                        + ": the normalizer route does not start: " + reason, e);
            }
            return connector;
        } catch (IllegalStateException | UncheckedIOException e) {
            fail(e.getMessage());
            return null;
        }
    }

    /**
     * The hub's beans a VoIP template may call (docs/connectors.md, "The template"), so that a template using them
     * loads: the URI builder itself, and for API tokens a stand-in that says why the check cannot fetch (it has no
     * provider accounts; the suite runs such events against a simulator).
     */
    private static void bindHubBeans(CamelContext camel) {
        camel.getRegistry().bind("providerApiUris", new ProviderApiUris());
        camel.getRegistry().bind("providerApiTokens", new ProviderApiTokens(null) {
            @Override
            public String bearer(String orgId, String provider) {
                throw new IllegalStateException("the normalizer fetches from the provider's API with an account's API"
                        + " token, which the connector check does not have: the suite runs such events (with a simulator)");
            }
        });
    }

    private static String normalizer(VoipConnector connector) {
        return "kamelet:" + connector.provider() + "/check-" + connector.provider();
    }

    /** What one webhook of a scenario became on its way to the store. */
    private record Received(Path file, String dedupeKey, JsonNode draft) {
    }

    private void scenario(VoipConnector connector, Path scenario, StandaloneIntake intake, CamelContext camel,
                          ProducerTemplate producer) throws IOException {
        scenarios++;
        String name = scenario.getFileName().toString();
        out.println("  " + name);
        JsonNode expected;
        try {
            expected = ConnectorSamples.expected(scenario);
        } catch (IOException e) {
            return;   // ConnectorSamples.problems named it
        }
        SignatureScheme proof = intake.proof(connector);
        String secret = "check-secret-" + UUID.randomUUID();
        Organization org = newOrganization(name);
        List<Received> received = new ArrayList<>();
        for (Path file : ConnectorSamples.events(scenario)) {
            String where = name + "/" + file.getFileName();
            ProofRoundTrip proved;
            try {
                proved = ProofRoundTrip.of(proof, Files.readAllBytes(file), secret, Instant.now());
            } catch (RuntimeException e) {
                fail(where + ": signed by its own proof '" + connector.signatureScheme() + "', it does not verify: " + rootMessage(e));
                continue;
            }
            if (proved.storesSecret()) {
                fail(where + ": " + ProofRoundTrip.LEAK);
            }
            JsonNode stored;
            try {
                stored = JSON.readTree(proved.stored());
            } catch (IOException e) {
                fail(where + ": the verified event is not JSON (the hub stores JSON events only): " + rootMessage(e));
                continue;
            }
            String key = intake.dedupeKey(connector, stored);
            out.println("    " + file.getFileName() + "  signed and verified, identity " + key);
            JsonNode draft = normalize(connector, org, proved.stored(), producer, camel, where);
            received.add(new Received(file, key, draft));
            if (draft != null) {
                canonical(draft, org, connector, where).ifPresent(this::print);
            }
        }
        ThrowawayStore rows = store();
        boolean orderMatters = expected.path("orderMatters").asBoolean(false);
        List<String> inOrder = stored(rows, org, connector, expected, received, false);
        inOrder.forEach(d -> fail(name + "/" + ConnectorSamples.EXPECTED + ": " + d));
        List<String> backwards = List.of();
        if (!orderMatters) {
            List<Received> reversed = new ArrayList<>(received);
            Collections.reverse(reversed);
            backwards = stored(rows, newOrganization(name + " reversed"), connector, expected, reversed, true);
            if (!backwards.equals(inOrder)) {   // the same differences are said once
                backwards.forEach(d -> fail(name + "/" + ConnectorSamples.EXPECTED + " (sent in reverse order): " + d));
            }
        }
        if (inOrder.isEmpty() && backwards.isEmpty()) {
            out.println("    " + ConnectorSamples.EXPECTED + ": " + expected.path("calls").size() + " call(s), "
                    + expected.path("messages").size() + " message(s) as expected"
                    + (orderMatters ? " (in order)" : " (in order and reversed)"));
        }
    }

    /** The normalizer's draft of one verified event, run as processing runs it; null (reason recorded) when it fails. */
    private JsonNode normalize(VoipConnector connector, Organization org, String stored, ProducerTemplate producer,
                               CamelContext camel, String where) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader(StandaloneProcessing.PROVIDER_HEADER, connector.provider());
        exchange.getIn().setHeader(StandaloneProcessing.ORG_HEADER, org.id());
        exchange.getIn().setBody(stored);
        producer.send(normalizer(connector), exchange);
        if (exchange.getException() != null) {
            fail(where + ": the normalizer failed (the hub marks such an event failed): " + rootMessage(exchange.getException()));
            return null;
        }
        JsonNode draft = exchange.getMessage().getBody(JsonNode.class);
        out.println("      draft " + draft);
        return draft;
    }

    /**
     * The canonical events of a draft, as processing makes them; empty when the draft breaks the contract (the reason
     * recorded as a failure of {@code where}, unless null: a draft made canonical again for another organization).
     */
    private Optional<NormalizedEvents> canonical(JsonNode draft, Organization org, VoipConnector connector, String where) {
        try {
            return Optional.of(canonical.fromDraft(draft, org, connector.provider()));
        } catch (RuntimeException e) {
            if (where != null) {
                fail(where + ": the draft breaks the canonical contract (the hub marks such an event failed): " + e.getMessage());
            }
            return Optional.empty();
        }
    }

    private void print(NormalizedEvents events) {
        if (events.ignored()) {
            out.println("      ignored: " + events.ignoredReason());
        }
        events.calls().forEach(call -> out.println("      call " + canonicalJson(call)));
        events.messages().forEach(sms -> out.println("      sms  " + canonicalJson(sms)));
    }

    private static String canonicalJson(Object event) {
        ObjectNode json = JSON.valueToTree(event);
        json.remove(List.of("orgId", "provider"));
        for (String enumerated : List.of("state", "outcome")) {   // as the store writes them: "ended", not ENDED
            if (json.hasNonNull(enumerated)) {
                json.put(enumerated, json.get(enumerated).asText().toLowerCase(Locale.ROOT));
            }
        }
        if (json.path("agent").isObject() && json.path("agent").isEmpty()) {
            json.remove("agent");
        }
        return json.toString();
    }

    /**
     * Merges the received events in this order with the hub's ledger (an event whose identity came before is a
     * duplicate the hub stores once: skipped), and compares the rows with the expectation.
     */
    private List<String> stored(ThrowawayStore rows, Organization org, VoipConnector connector, JsonNode expected,
                                List<Received> received, boolean reversed) {
        rows.add(org);
        Map<String, Path> seen = new HashMap<>();
        for (Received event : received) {
            Path first = seen.putIfAbsent(event.dedupeKey(), event.file());
            if (first != null) {
                if (!reversed) {
                    out.println("    " + event.file().getFileName() + ": same identity as " + first.getFileName()
                            + ", so the hub acknowledges it as a duplicate and stores nothing of it");
                }
                continue;
            }
            if (event.draft() != null) {
                canonical(event.draft(), org, connector, null).ifPresent(n -> rows.record(n.calls(), n.messages()));
            }
        }
        List<String> differences = new ArrayList<>(ExpectedRows.differences("calls", expected.path("calls"),
                rows.calls(org, connector.provider())));
        differences.addAll(ExpectedRows.differences("messages", expected.path("messages"), rows.messages(org, connector.provider())));
        return differences;
    }

    private static Organization newOrganization(String scenario) {
        return new Organization(UUID.randomUUID(), "connector check " + scenario, ThrowawayStore.REGION, ThrowawayStore.TIME_ZONE);
    }

    private void startStore() {
        if (store == null) {
            // its own thread, which keeps this one's class loader (exec:java runs the command in Maven's JVM)
            store = CompletableFuture.supplyAsync(ThrowawayStore::start, task -> new Thread(task, "connector-check-store").start());
        }
    }

    private ThrowawayStore store() {
        try {
            return store.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the throw-away PostgreSQL did not start: " + rootMessage(e), e);
        }
    }

    private void closeStore() {
        if (store != null) {
            try {
                store.join().close();
            } catch (RuntimeException e) {
                out.println("the throw-away PostgreSQL did not start or stop cleanly: " + rootMessage(e));
            }
        }
    }

    private void fail(String problem) {
        failures.add(problem);
        out.println("  FAIL " + problem);
    }

    /** The connector files named: a file, a name of connectors/voip/, or (none) every connector there. */
    static List<Path> files(List<String> args) {
        if (args.isEmpty()) {
            try (Stream<Path> all = Files.list(VOIP)) {
                return all.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            } catch (IOException e) {
                throw new IllegalArgumentException("no connector folder " + VOIP.toAbsolutePath());
            }
        }
        return args.stream().map(arg -> {
            Path file = arg.endsWith(SUFFIX) || arg.contains("/") ? Path.of(arg) : VOIP.resolve(arg + SUFFIX);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no connector file " + file.toAbsolutePath());
            }
            return file;
        }).toList();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage()).lines().findFirst().orElse(cause.getClass().getSimpleName());
    }

    /** Only warnings and errors from Camel, PostgreSQL and Flyway: the check's own lines are the output. */
    static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
            // "PostgreSQL 18 newer than Flyway", as config/application.yaml silences it for the hub
            logback.getLogger("org.flywaydb.core.internal.database.base.Database").setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }
}
