package com.callintel.hub.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.callintel.hub.connectorcheck.ProofRoundTrip;
import com.callintel.hub.intake.WebhookRequest;
import com.callintel.hub.intake.signature.Handshake;
import com.callintel.hub.intake.signature.SignatureScheme;
import com.callintel.hub.intake.signature.SignatureSchemes;
import com.callintel.hub.intake.signature.SignedWebhook;
import com.callintel.hub.intake.signature.StandaloneHandshakes;
import org.apache.camel.CamelContext;
import org.apache.camel.Expression;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The connector conventions (STYLE.md, docs/connectors.md), checked like apache/camel-kamelets' validator: every
 * file in connectors/voip and connectors/ams, rule family by rule family, so a connector that breaks the pattern
 * fails the build with the file and the problem named.
 */
class ConnectorConventionsTest {

    private static final Path CONNECTORS = Path.of("connectors");
    // Same override as SampleSender, for checkouts where the shared fixtures live elsewhere.
    private static final Path FIXTURES = Path.of(System.getenv().getOrDefault("CALLINTEL_FIXTURES", "../shared/fixtures/voip"));
    private static final Path CONNECTOR_TESTS = Path.of("src/test/java/com/callintel/hub/connectors");

    /** A well-formed connector with parameters. */
    private static final String ACME_PHONE = """
                apiVersion: camel.apache.org/v1
                kind: Kamelet
                metadata:
                  name: acme-phone
                  labels: {camel.apache.org/kamelet.type: action}
                  annotations:
                    callintel.io/signature: endpoint-key
                    callintel.io/handshake: none
                    callintel.io/content-types: application/json
                    callintel.io/event-identity: 'if .id then {id: .id, kind: "call"} else null end'
                    callintel.io/setup-steps: |
                      In Acme's webhook settings, add a webhook with the webhook URL shown here.
                      Tick the call events listed below.
                    callintel.io/setup-events: call.started, call.ended
                spec:
                  definition:
                    title: Acme Phone
                    description: A well-formed connector with parameters.
                    required: [accountId]
                    properties:
                      accountId: {title: Account, description: Acme account id., type: string, example: ac-1}
                      apiToken:
                        title: API token
                        description: Acme API token.
                        type: string
                        format: password
                        x-descriptors: [urn:camel:group:credentials]
                  dependencies: [camel:jq]
                  template:
                    from:
                      uri: kamelet:source
                      steps:
                        - setHeader: {name: AcmeToken, constant: '{{apiToken}}'}
                        - transform: {jq: {expression: '{type: "call", callId: .id, account: "{{accountId}}"}'}}
                        - to: kamelet:sink
                """;

    private static CamelContext camel;
    private static Conventions conventions;

    @BeforeAll
    static void startJq() {
        camel = new DefaultCamelContext();
        conventions = new Conventions(camel, FIXTURES, CONNECTOR_TESTS);
    }

    @AfterAll
    static void stopJq() throws Exception {
        camel.close();
    }

    @TestFactory
    Stream<DynamicNode> everyConnectorFollowsTheConventions() throws IOException {
        return yamlFiles(CONNECTORS).filter(Conventions::isConnectorFile).map(file -> dynamicContainer(file.toString(),
                conventions.check(file).entrySet().stream().map(family -> dynamicTest(family.getKey(),
                        () -> assertTrue(family.getValue().isEmpty(), () -> file + " breaks the " + family.getKey()
                                + " convention:\n  " + String.join("\n  ", family.getValue()))))));
    }

    @Test
    void connectorFilesLiveDirectlyInVoipOrAms() throws IOException {
        assertThat(yamlFiles(CONNECTORS).filter(f -> !Conventions.isConnectorFile(f) && !isRestAmsFile(f)).map(Path::toString))
                .as("YAML under connectors/ must sit directly in connectors/voip/ or connectors/ams/ (or be a REST AMS"
                        + " file of connectors/ams/rest/)").isEmpty();
        assertThat(yamlFiles(CONNECTORS.resolve("voip"))).as("the walk finds the VoIP connectors").isNotEmpty();
    }

    @Test
    void brokenConnectorIsReportedWithEveryProblem(@TempDir Path dir) throws IOException {
        Path file = Files.createDirectories(dir.resolve("connectors/voip")).resolve("broken-thing.kamelet.yaml");
        Files.writeString(file, """
                apiVersion: camel.apache.org/v1
                kind: Kamelet
                metadata:
                  name: broken
                  labels: {camel.apache.org/kamelet.type: action}
                  annotations:
                    callintel.io/signature: carrier-pigeon
                    callintel.io/handshake: none
                    callintel.io/content-types: application/json
                    callintel.io/event-identity: '{id: .id, kind: "call"}'
                spec:
                  definition:
                    title: Broken
                    description: A connector with mistakes.
                    required: [accountId, region]
                    properties:
                      accountId: {type: string}
                      apiToken: {title: API token, description: The provider's token., type: string}
                  template:
                    from:
                      uri: kamelet:source
                      steps:
                        - setHeader: {name: Region, constant: '{{region}}'}
                        - transform: {jq: {expression: '{id: .id,'}}
                        - to: kamelet:sink
                """);

        List<String> violations = new Conventions(camel, dir.resolve("fixtures"), dir.resolve("tests")).violations(file);

        assertThat(violations).allMatch(v -> v.startsWith(file + ": "));
        assertThat(String.join("\n", violations))
                .contains("file name must be broken.kamelet.yaml")
                .contains("signature 'carrier-pigeon' is not a scheme the hub has")
                .contains("property 'accountId' has no title", "property 'accountId' has no description",
                        "property 'accountId' has neither an example nor a default")
                .contains("property 'apiToken' looks secret but is not marked format: password",
                        "property 'apiToken' looks secret but its x-descriptors lack urn:camel:group:credentials")
                .contains("required 'region' is not a declared property")
                .contains("placeholder {{region}} is not a declared property")
                .contains("template jq does not compile")
                .contains("no samples", "no test class BrokenConnectorTest.java")
                .contains("annotation callintel.io/setup-steps is missing");
    }

    @Test
    void proofWithWrongParametersIsReportedNamingTheAnnotation(@TempDir Path dir) throws IOException {
        Path file = Files.createDirectories(dir.resolve("connectors/voip")).resolve("acme-phone.kamelet.yaml");
        Files.writeString(file, ACME_PHONE.replace("callintel.io/signature: endpoint-key", """
                callintel.io/signature: hmac
                    callintel.io/signature-header: X-Acme-Signature
                    callintel.io/signature-template: "{timestamp}.{body}"
                    callintel.io/signature-encodng: base64"""));
        Files.writeString(Files.createDirectories(dir.resolve("fixtures/acme-phone")).resolve("ringing.json"), "{}");

        assertThat(String.join("\n", new Conventions(camel, dir.resolve("fixtures"), dir.resolve("tests")).violations(file)))
                .contains("takes no parameter [callintel.io/signature-encodng]");
    }

    /** The connector check builds the intake's parts by hand (no Spring): it must know what the component scan finds. */
    @Test
    void theConnectorCheckKnowsEveryHandshakeAndProofOfTheHub() {
        assertThat(conventions.handshakes).allMatch(StandaloneHandshakes.all()::knows);
        assertThat(conventions.signatures).allMatch(SignatureSchemes.standalone()::knows);
    }

    @Test
    void aProofThatLeavesItsTokenInTheStoredEventIsReported() {
        // a naive body-token proof: checks the token and hands the body on as it came, token and all
        SignatureScheme naive = new SignatureScheme() {
            @Override
            public String name() {
                return "naive-token";
            }

            @Override
            public String verify(WebhookRequest request, String secret, Instant now) {
                return request.bodyText();
            }

            @Override
            public SignedWebhook sign(byte[] event, String secret, Instant now) {
                String body = new String(event, StandardCharsets.UTF_8).replaceFirst("\\{", "{\"token\":\"" + secret + "\",");
                return new SignedWebhook(body.getBytes(StandardCharsets.UTF_8), Map.of());
            }
        };
        byte[] sample = "{\"id\":\"c-1\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(ProofRoundTrip.secretLeak(naive, sample)).hasValueSatisfying(p -> assertThat(p).contains("contains the webhook's secret"));
        VoipConnector bodyToken = new VoipConnector("acme-phone", Path.of("acme-phone.kamelet.yaml"), "shared-token",
                Map.of("token-pointer", "/token"), "none", List.of("application/json"), ".id");
        assertThat(ProofRoundTrip.secretLeak(SignatureSchemes.standalone().of(bodyToken), sample)).isEmpty();
    }

    @Test
    void documentedParametersAndMarkedSecretsPass(@TempDir Path dir) throws IOException {
        Path file = Files.createDirectories(dir.resolve("connectors/voip")).resolve("acme-phone.kamelet.yaml");
        Files.writeString(file, ACME_PHONE);
        Files.writeString(Files.createDirectories(dir.resolve("fixtures/acme-phone")).resolve("ringing.json"), "{}");
        Files.writeString(Files.createDirectories(dir.resolve("tests")).resolve("AcmePhoneConnectorTest.java"), "");

        assertThat(new Conventions(camel, dir.resolve("fixtures"), dir.resolve("tests")).violations(file)).isEmpty();
    }

    /** A declarative REST AMS: checked by AmsConnectorCatalog against its protocol (AmsConnectorCatalogTest). */
    private static boolean isRestAmsFile(Path file) {
        return file.getParent() != null && file.getParent().endsWith(Path.of("ams", "rest"))
                && file.getParent().getParent().getParent().endsWith("connectors") && !file.toString().endsWith(".kamelet.yaml");
    }

    private static Stream<Path> yamlFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();   // connectors/ams holds nothing yet, and git keeps no empty folders
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.ya?ml")).sorted()
                    .toList().stream();
        }
    }

    /** The rules themselves: {@link #check} gives the problems of one file by rule family, empty when it conforms. */
    static final class Conventions {

        private static final Set<String> FAMILIES_FOR_EVERY_KIND = Set.of("header", "parameters", "template", "jq");
        private static final Pattern CONNECTOR_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
        private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|token|password|key|credential).*");
        private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([^}:]+)(:[^}]*)?}}");
        private static final Pattern MEDIA_TYPE = Pattern.compile("\\*|[\\w.+-]+/[\\w.+-]+");
        private static final Set<String> PROPERTY_FUNCTIONS = Set.of("env", "sys", "sysenv", "bean", "ref");
        private static final Set<String> JSON_TYPES = Set.of("string", "integer", "number", "boolean", "object", "array");
        /** Provider names whose class name is not plain camel case of the file name. */
        private static final Map<String, String> CLASS_NAMES = Map.of("ringcentral", "RingCentral", "goto", "GoTo");
        /** Connectors whose fixtures share another provider's folder, told apart by a file-name prefix. */
        private static final Map<String, FixtureFiles> SHARED_FIXTURES = Map.of("vonage-business", new FixtureFiles("vonage", "vbc-"));

        /** Where a connector's fixtures are: a folder under shared/fixtures/voip and a file-name prefix. */
        record FixtureFiles(String folder, String prefix) {
        }

        private final CamelContext camel;
        private final Path fixtures;
        private final Path connectorTests;
        private final Set<String> signatures = namesOf(SignatureScheme.class, SignatureScheme::name);
        private final SignatureSchemes proofs = SignatureSchemes.standalone();
        private final Set<String> handshakes = namesOf(Handshake.class, Handshake::name);

        Conventions(CamelContext camel, Path fixtures, Path connectorTests) {
            this.camel = camel;
            this.fixtures = fixtures;
            this.connectorTests = connectorTests;
            handshakes.add("none");   // Handshakes.NONE: a provider without a handshake
            signatures.addAll(SignatureSchemes.FAMILIES);
        }

        static boolean isConnectorFile(Path file) {
            Path folder = file.getParent();
            return folder != null && folder.getParent() != null && folder.getParent().endsWith("connectors")
                    && Set.of("voip", "ams").contains(folder.getFileName().toString());
        }

        /** Every problem of one file, each as "file: problem". */
        List<String> violations(Path file) {
            return check(file).values().stream().flatMap(List::stream).map(problem -> file + ": " + problem).toList();
        }

        Map<String, List<String>> check(Path file) {
            Map<String, Object> doc;
            try (Reader reader = Files.newBufferedReader(file)) {
                doc = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
            } catch (IOException | RuntimeException e) {
                return Map.of("yaml", List.of("not readable YAML: " + e.getMessage()));
            }
            String kind = file.getParent().getFileName().toString();
            Map<String, Function<Map<String, Object>, List<String>>> families = new LinkedHashMap<>();
            families.put("header", d -> header(file, kind, d));
            families.put("annotations", this::annotations);
            families.put("parameters", Conventions::parameters);
            families.put("template", Conventions::template);
            families.put("jq", this::jq);
            families.put("fixtures", d -> fixtures(file, d));
            families.put("proof", d -> proof(file, d));
            families.put("test class", d -> testClass(file, d));
            Map<String, List<String>> problems = new LinkedHashMap<>();
            families.forEach((family, rule) -> {
                if (kind.equals("voip") || FAMILIES_FOR_EVERY_KIND.contains(family)) {
                    problems.put(family, applied(rule, doc));
                }
            });
            return problems;
        }

        private static List<String> applied(Function<Map<String, Object>, List<String>> rule, Map<String, Object> doc) {
            try {
                return rule.apply(doc);
            } catch (RuntimeException e) {   // a malformed shape (a list where a map belongs) is a violation too
                return List.of("cannot be checked: " + e);
            }
        }

        private static List<String> header(Path file, String kind, Map<String, Object> doc) {
            List<String> problems = new ArrayList<>();
            Map<String, Object> metadata = map(doc.get("metadata"));
            String name = String.valueOf(metadata.get("name"));
            if (!CONNECTOR_NAME.matcher(name).matches()) {
                // It becomes the webhook path /webhooks/{provider}/… and the kamelet:{provider} URI.
                problems.add("metadata.name '" + name + "' must be lower-case letters, digits and dashes");
            }
            if (!file.getFileName().toString().equals(name + ".kamelet.yaml")) {
                problems.add("file name must be " + name + ".kamelet.yaml (metadata.name + .kamelet.yaml)");
            }
            expect(problems, "apiVersion", doc.get("apiVersion"), "camel.apache.org/v1");
            expect(problems, "kind", doc.get("kind"), "Kamelet");
            if (blank(map(metadata.get("labels")).get("camel.apache.org/kamelet.type"))) {
                problems.add("label camel.apache.org/kamelet.type is missing");
            }
            Object declaredKind = annotationsOf(doc).get("callintel.io/connector-kind");
            if (declaredKind != null && !declaredKind.equals(kind)) {
                problems.add("annotation callintel.io/connector-kind is '" + declaredKind + "' but the file is in " + kind + "/");
            }
            return problems;
        }

        private List<String> annotations(Map<String, Object> doc) {
            List<String> problems = new ArrayList<>();
            Map<String, Object> annotations = annotationsOf(doc);
            known(problems, "signature", annotations.get("callintel.io/signature"), signatures);
            known(problems, "handshake", annotations.get("callintel.io/handshake"), handshakes);
            Object contentTypes = annotations.get("callintel.io/content-types");
            if (blank(contentTypes)) {
                problems.add("annotation callintel.io/content-types is missing");
            } else {
                Arrays.stream(contentTypes.toString().split(",")).map(String::trim)
                        .filter(t -> !MEDIA_TYPE.matcher(t).matches())
                        .forEach(t -> problems.add("content type '" + t + "' is not a media type like application/json"));
            }
            if (blank(annotations.get("callintel.io/event-identity"))) {
                problems.add("annotation callintel.io/event-identity is missing");
            }
            setup(problems, annotations);
            return problems;
        }

        /**
         * The admin's setup at the provider (the Settings page shows it): steps, one a line, each a sentence; the
         * events to tick, comma-separated, each named once.
         */
        private static void setup(List<String> problems, Map<String, Object> annotations) {
            Object steps = annotations.get("callintel.io/setup-steps");
            if (blank(steps)) {
                problems.add("annotation callintel.io/setup-steps is missing (where the admin pastes the webhook URL,"
                        + " which events to tick, where the secret comes from; one step a line)");
            } else {
                List<String> lines = steps.toString().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
                if (lines.size() < 2) {
                    problems.add("annotation callintel.io/setup-steps has " + lines.size() + " step; name at least where"
                            + " the webhook URL goes and which events to tick, one step a line");
                }
                lines.stream().filter(l -> l.length() > 400)
                        .forEach(l -> problems.add("setup step '" + l.substring(0, 40) + "…' is longer than 400 characters"));
            }
            Object events = annotations.get("callintel.io/setup-events");
            if (blank(events)) {
                problems.add("annotation callintel.io/setup-events is missing (the provider events to subscribe to, comma-separated)");
            } else {
                List<String> names = Arrays.stream(events.toString().split(",")).map(String::strip).toList();
                if (names.stream().anyMatch(String::isEmpty)) {
                    problems.add("annotation callintel.io/setup-events has an empty name between commas");
                }
                if (names.stream().distinct().count() < names.size()) {
                    problems.add("annotation callintel.io/setup-events names an event twice");
                }
            }
        }

        private static List<String> parameters(Map<String, Object> doc) {
            List<String> problems = new ArrayList<>();
            Map<String, Object> definition = map(map(doc.get("spec")).get("definition"));
            for (String field : List.of("title", "description")) {
                if (blank(definition.get(field))) {
                    problems.add("spec.definition has no " + field);
                }
            }
            map(definition.get("properties")).forEach((name, value) -> {
                Map<String, Object> property = map(value);
                for (String field : List.of("title", "description", "type")) {
                    if (blank(property.get(field))) {
                        problems.add("property '" + name + "' has no " + field);
                    }
                }
                if (!blank(property.get("type")) && !JSON_TYPES.contains(property.get("type").toString())) {
                    problems.add("property '" + name + "' has type '" + property.get("type") + "', not one of " + JSON_TYPES);
                }
                boolean marked = "password".equals(property.get("format"));
                boolean secret = marked || SECRET_NAME.matcher(name).matches();
                if (secret && !marked) {
                    problems.add("property '" + name + "' looks secret but is not marked format: password");
                }
                if (secret && !list(property.get("x-descriptors")).contains("urn:camel:group:credentials")) {
                    problems.add("property '" + name + "' looks secret but its x-descriptors lack urn:camel:group:credentials");
                }
                if (secret && property.containsKey("default")) {
                    problems.add("secret property '" + name + "' must not carry a committed default");
                }
                if (!secret && !property.containsKey("example") && !property.containsKey("default")) {
                    problems.add("property '" + name + "' has neither an example nor a default");
                }
            });
            Set<String> declared = map(definition.get("properties")).keySet();
            list(definition.get("required")).stream().filter(r -> !declared.contains(String.valueOf(r)))
                    .forEach(r -> problems.add("required '" + r + "' is not a declared property"));
            return problems;
        }

        private static List<String> template(Map<String, Object> doc) {
            List<String> problems = new ArrayList<>();
            Map<String, Object> spec = map(doc.get("spec"));
            Map<String, Object> from = map(map(spec.get("template")).get("from"));
            if (!"kamelet:source".equals(from.get("uri"))) {
                problems.add("spec.template must start with from: uri: kamelet:source");
            }
            List<Object> steps = list(from.get("steps"));
            Object last = steps.isEmpty() ? null : map(steps.get(steps.size() - 1)).get("to");
            if (!"kamelet:sink".equals(last) && !"kamelet:sink".equals(map(last).get("uri"))) {
                problems.add("spec.template must end with the step to: kamelet:sink");
            }
            Set<String> declared = map(map(spec.get("definition")).get("properties")).keySet();
            placeholders(spec.get("template")).stream().filter(p -> !declared.contains(p))
                    .forEach(p -> problems.add("placeholder {{" + p + "}} is not a declared property"));
            if (!TemplateJq.expressions(spec.get("template")).isEmpty() && !list(spec.get("dependencies")).contains("camel:jq")) {
                problems.add("spec.dependencies must list camel:jq, which the template uses");
            }
            return problems;
        }

        private List<String> jq(Map<String, Object> doc) {
            List<String> problems = new ArrayList<>();
            Object identity = annotationsOf(doc).get("callintel.io/event-identity");
            if (!blank(identity)) {
                compile(identity.toString()).ifPresent(e -> problems.add("event-identity jq does not compile: " + e));
            }
            Map<String, Object> spec = map(doc.get("spec"));
            Map<String, Object> properties = map(map(spec.get("definition")).get("properties"));
            for (String expression : TemplateJq.expressions(spec.get("template"))) {
                // Camel fills the {{placeholders}} before jq sees the text; compile what it would see.
                String filled = PLACEHOLDER.matcher(expression)
                        .replaceAll(p -> Matcher.quoteReplacement(sampleValue(properties, p.group(1).trim())));
                compile(filled).ifPresent(e -> problems.add("template jq does not compile: " + e));
            }
            return problems;
        }

        private static String sampleValue(Map<String, Object> properties, String name) {
            Map<String, Object> property = map(properties.get(name));
            return String.valueOf(property.containsKey("example") ? property.get("example") : property.get("default"));
        }

        private List<String> fixtures(Path file, Map<String, Object> doc) {
            if (!ConnectorSamples.scenarios(file).isEmpty()) {
                return ConnectorSamples.problems(file);
            }
            String name = String.valueOf(map(doc.get("metadata")).get("name"));
            FixtureFiles files = SHARED_FIXTURES.getOrDefault(name, new FixtureFiles(name, ""));
            Path folder = fixtures.resolve(files.folder());
            String prefix = files.prefix();
            try (Stream<Path> found = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
                if (found.map(f -> f.getFileName().toString()).anyMatch(f -> f.startsWith(prefix) && f.endsWith(".json"))) {
                    return List.of();
                }
            } catch (IOException e) {
                return List.of("fixtures folder " + folder + " cannot be read: " + e.getMessage());
            }
            return List.of("no samples: add " + ConnectorSamples.folder(file) + "/<scenario>/ with the webhook bodies and "
                    + ConnectorSamples.EXPECTED + " (docs/connectors.md, \"Samples\"); or, for the six providers of "
                    + "../shared, at least one " + prefix + "*.json in " + folder + "/");
        }

        /**
         * The declared proof builds (its parameters are right), and no stored event can hold the webhook's secret:
         * every fixture, signed by the proof with a fresh secret, verifies, and what the proof hands on to be stored
         * does not contain that secret (a token in the body must be removed, as {@code shared-token} does).
         */
        private List<String> proof(Path file, Map<String, Object> doc) {
            Object name = annotationsOf(doc).get("callintel.io/signature");
            if (blank(name) || !signatures.contains(name.toString().trim())) {
                return List.of();   // the annotations rule names the problem
            }
            VoipConnector connector;
            SignatureScheme scheme;
            try {
                connector = ConnectorCatalog.readVoip(file);
                scheme = proofs.of(connector);
            } catch (IllegalStateException e) {
                return List.of(e.getMessage());
            }
            List<String> problems = new ArrayList<>();
            List<Path> samples = ConnectorSamples.scenarios(file).isEmpty() ? fixtureFiles(doc)
                    : ConnectorSamples.scenarios(file).stream().flatMap(sc -> ConnectorSamples.events(sc).stream()).toList();
            for (Path sample : samples) {
                try {
                    ProofRoundTrip.secretLeak(scheme, Files.readAllBytes(sample)).ifPresent(leak -> problems.add(sample.getFileName() + ": " + leak));
                } catch (IOException | RuntimeException e) {
                    problems.add(sample.getFileName() + ": signed by its own proof, it does not verify: " + e.getMessage());
                }
            }
            return problems;
        }

        private List<Path> fixtureFiles(Map<String, Object> doc) {
            String name = String.valueOf(map(doc.get("metadata")).get("name"));
            FixtureFiles files = SHARED_FIXTURES.getOrDefault(name, new FixtureFiles(name, ""));
            Path folder = fixtures.resolve(files.folder());
            try (Stream<Path> found = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
                return found.filter(f -> f.getFileName().toString().startsWith(files.prefix()))
                        .filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".jwt")).sorted().toList();
            } catch (IOException e) {
                return List.of();   // the fixtures rule names the problem
            }
        }

        private List<String> testClass(Path file, Map<String, Object> doc) {
            if (!ConnectorSamples.scenarios(file).isEmpty()) {
                return List.of();   // ConnectorSamplesTest runs the connector's own samples: no class of its own needed
            }
            String name = String.valueOf(map(doc.get("metadata")).get("name"));
            String testClass = testClassName(name) + ".java";
            return Files.isRegularFile(connectorTests.resolve(testClass)) ? List.of()
                    : List.of("no test class " + testClass + " in " + connectorTests + "/ and no samples in "
                            + ConnectorSamples.folder(file) + "/ (which ConnectorSamplesTest would run)");
        }

        static String testClassName(String connector) {
            String camelCase = CLASS_NAMES.getOrDefault(connector, Arrays.stream(connector.split("[-_.]"))
                    .filter(part -> !part.isEmpty())
                    .map(part -> part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1))
                    .collect(Collectors.joining()));
            return camelCase + "ConnectorTest";
        }

        /** Empty when {@code expression} compiles with Camel's jq language, else the compiler's complaint. */
        private Optional<String> compile(String expression) {
            try {
                Expression compiled = camel.resolveLanguage("jq").createExpression(expression);
                compiled.init(camel);
                return Optional.empty();
            } catch (RuntimeException e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                return Optional.of(String.valueOf(cause.getMessage()).lines().findFirst().orElse(""));
            }
        }

        private static Set<String> placeholders(Object node) {
            Set<String> names = new TreeSet<>();
            strings(node).forEach(text -> {
                Matcher m = PLACEHOLDER.matcher(text);
                while (m.find()) {
                    String name = m.group(1).trim();
                    boolean function = m.group(2) != null && PROPERTY_FUNCTIONS.contains(name);
                    if (!name.startsWith("callintel.") && !function) {
                        names.add(name);
                    }
                }
            });
            return names;
        }

        private static List<String> strings(Object node) {
            if (node instanceof Map<?, ?> m) {
                return m.values().stream().flatMap(v -> strings(v).stream()).toList();
            }
            if (node instanceof Collection<?> c) {
                return c.stream().flatMap(v -> strings(v).stream()).toList();
            }
            return node instanceof String s ? List.of(s) : List.of();
        }

        /**
         * The name() of every SignatureScheme or Handshake @Component the hub's component scan would register
         * (all of com.callintel.hub), each built by reflection: no Spring context, no database.
         */
        private static <T> Set<String> namesOf(Class<T> type, Function<T, String> name) {
            ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
            AssignableTypeFilter implementing = new AssignableTypeFilter(type);
            scanner.addIncludeFilter((reader, factory) -> implementing.match(reader, factory)
                    && reader.getAnnotationMetadata().isAnnotated(Component.class.getName()));
            Set<String> names = new TreeSet<>();
            scanner.findCandidateComponents("com.callintel.hub")
                    .forEach(bean -> names.add(name.apply(type.cast(instantiate(bean.getBeanClassName())))));
            assertThat(names).as("%s implementations found on the classpath", type.getSimpleName()).isNotEmpty();
            return names;
        }

        private static Object instantiate(String className) {
            try {
                Constructor<?> constructor = Class.forName(className).getDeclaredConstructors()[0];
                constructor.setAccessible(true);
                return constructor.newInstance(emptyArguments(constructor));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + className + " to read its name()", e);
            }
        }

        /** Only name() is read, so arguments can be empty: zeros, nulls, settings records (IntakeProperties) of those. */
        private static Object[] emptyArguments(Constructor<?> constructor) throws ReflectiveOperationException {
            List<Object> args = new ArrayList<>();
            for (Class<?> type : constructor.getParameterTypes()) {
                if (type.isPrimitive()) {
                    args.add(Array.get(Array.newInstance(type, 1), 0));
                } else if (type.isRecord()) {
                    Class<?>[] components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
                    Constructor<?> canonical = type.getDeclaredConstructor(components);
                    args.add(canonical.newInstance(emptyArguments(canonical)));
                } else {
                    args.add(null);
                }
            }
            return args.toArray();
        }

        private static void known(List<String> problems, String what, Object value, Set<String> known) {
            if (blank(value)) {
                problems.add("annotation callintel.io/" + what + " is missing; known: " + known);
            } else if (!known.contains(value.toString().trim())) {
                problems.add(what + " '" + value + "' is not a " + (what.equals("signature") ? "scheme" : "handshake")
                        + " the hub has; known: " + known);
            }
        }

        private static void expect(List<String> problems, String field, Object value, String expected) {
            if (!expected.equals(value)) {
                problems.add(field + " must be " + expected + ", was " + value);
            }
        }

        private static Map<String, Object> annotationsOf(Map<String, Object> doc) {
            return map(map(doc.get("metadata")).get("annotations"));
        }

        private static boolean blank(Object value) {
            return value == null || value.toString().isBlank();
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> map(Object value) {
            return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        @SuppressWarnings("unchecked")
        private static List<Object> list(Object value) {
            return value instanceof List<?> l ? (List<Object>) l : List.of();
        }
    }
}
