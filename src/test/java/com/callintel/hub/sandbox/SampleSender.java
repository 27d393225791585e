package com.callintel.hub.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.callintel.hub.connectors.ConnectorCatalog;
import com.callintel.hub.connectors.VoipConnector;
import com.callintel.hub.intake.signature.SignatureSchemes;
import com.callintel.hub.intake.signature.SignedWebhook;

/**
 * Sends a provider fixture to a running hub, signed exactly as that provider signs (the hub's own implementation
 * of the proof the connector file declares):
 * <pre>./mvnw -q test-compile exec:java@send -Dexec.args="zoom inbound-ringing"</pre>
 * Samples are read from connectors/voip/&lt;provider&gt;/samples/ (as &lt;scenario&gt;/&lt;file&gt;), else from
 * ../shared/fixtures/voip/&lt;provider&gt;/; endpoint keys and secrets default to the demo accounts of sandbox.yaml
 * (and honour the same CALLINTEL_DEMO_* environment variables), else to the account the sandbox makes up for a
 * connector nobody configured. {@code stripe <fixture>} sends a Stripe event of src/test/resources/fixtures/stripe/
 * to {@code /webhooks/stripe}, dated now and signed with the sandbox's Stripe secret (see {@link StripeEvents}).
 * Tests use {@link #sign} and {@link #signStripe} to build the same requests.
 */
public final class SampleSender {

    /** A webhook ready to post: body bytes and the headers the provider would set. */
    public record SignedRequest(byte[] body, Map<String, String> headers) {
    }

    private static final SignatureSchemes SCHEMES = SignatureSchemes.standalone();

    private SampleSender() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SampleSender <provider> <fixture name or file> [hub base URL]");
            System.err.println("  e.g. ./mvnw -q test-compile exec:java@send -Dexec.args=\"zoom inbound-ringing\"");
            System.err.println("  or   ./mvnw -q test-compile exec:java@send -Dexec.args=\"stripe checkout-session-completed\"");
            System.exit(2);
        }
        String provider = args[0];
        String hub = args.length > 2 ? args[2] : env("CALLINTEL_HUB_URL", "http://localhost:8080");
        SignedRequest request;
        URI target;
        if (provider.equals("stripe")) {
            Instant now = Instant.now();
            request = signStripe(StripeEvents.createdAt(StripeEvents.fixture(args[1]), now), StripeEvents.sandboxSecret(), now);
            target = URI.create(hub + "/webhooks/stripe");
        } else {
            Map<String, String> demo = demoAccount(provider);
            request = sign(provider, Files.readAllBytes(fixture(provider, args[1])), demo.get("secret"), Instant.now());
            target = URI.create(hub + "/webhooks/" + provider + "/" + demo.get("key"));
        }
        HttpRequest.Builder http = HttpRequest.newBuilder(target)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(http::header);
        HttpResponse<String> response = HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(response.statusCode() + " " + response.body());
        System.exit(response.statusCode() / 100 == 2 ? 0 : 1);
    }

    /**
     * Signs {@code fixture} (bytes as stored) the way {@code provider} would at {@code now}: with the proof its
     * connector file declares, by the hub's own implementation of that proof (the one that verifies it).
     */
    public static SignedRequest sign(String provider, byte[] fixture, String secret, Instant now) {
        return sign(connector(provider), fixture, secret, now);
    }

    /**
     * Signs a Stripe event as Stripe does: {@code Stripe-Signature: t=<now>,v1=<HMAC-SHA256 of "t.payload">}, one
     * {@code v1} per secret (Stripe sends two while an endpoint's secret is rolled).
     */
    public static SignedRequest signStripe(byte[] payload, String secret, Instant now, String... moreSecrets) {
        String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder("t=").append(now.getEpochSecond());
        try {
            for (String each : java.util.stream.Stream.concat(java.util.stream.Stream.of(secret),
                    java.util.Arrays.stream(moreSecrets)).toList()) {
                header.append(",v1=").append(com.stripe.net.Webhook.Util.computeHmacSha256(each,
                        now.getEpochSecond() + "." + text));
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return new SignedRequest(payload, new LinkedHashMap<>(Map.of("Stripe-Signature", header.toString(),
                "Content-Type", "application/json; charset=utf-8")));
    }

    /** Signs as this connector's proof does. */
    public static SignedRequest sign(VoipConnector connector, byte[] fixture, String secret, Instant now) {
        SignedWebhook signed = SCHEMES.of(connector).sign(fixture, secret, now);
        return new SignedRequest(signed.body(), new LinkedHashMap<>(signed.headers()));
    }

    /**
     * The connector file connectors/voip/&lt;provider&gt;.kamelet.yaml, as the hub reads it: read again only when the
     * file changed, so signing many webhooks (demo traffic, tests) parses it once and reuses the proof built for it.
     */
    static VoipConnector connector(String provider) {
        Path file = Path.of("connectors/voip", provider + ".kamelet.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no connector file " + file.toAbsolutePath());
        }
        try {
            java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(file);
            Read read = CONNECTORS.get(provider);
            if (read == null || !read.modified().equals(modified)) {
                read = new Read(modified, ConnectorCatalog.readVoip(file));
                CONNECTORS.put(provider, read);
            }
            return read.connector();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Read(java.nio.file.attribute.FileTime modified, VoipConnector connector) {
    }

    private static final Map<String, Read> CONNECTORS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A sample of the connector's own folder, a fixture of ../shared for the six original providers, or a file. */
    private static Path fixture(String provider, String name) {
        Path given = Path.of(name);
        if (Files.isRegularFile(given)) {
            return given;
        }
        Path samples = Path.of("connectors/voip", provider, "samples");
        // Vonage Business (VIS) events are filed with the other Vonage fixtures.
        Path shared = Path.of(env("CALLINTEL_FIXTURES", "../shared/fixtures/voip"), provider.equals("vonage-business") ? "vonage" : provider);
        for (Path folder : new Path[] {samples, shared}) {
            for (String candidate : new String[] {name, name + ".json", name + ".jwt"}) {
                if (Files.isRegularFile(folder.resolve(candidate))) {
                    return folder.resolve(candidate);
                }
            }
        }
        throw new IllegalArgumentException("no sample '" + name + "' in " + samples.toAbsolutePath() + " (give <scenario>/<file>)"
                + " nor fixture in " + shared.toAbsolutePath());
    }

    /**
     * The demo account's endpoint key and secret: environment first, then the defaults in sandbox.yaml, else (a
     * connector installed without configuration) the account the sandbox made up for it.
     */
    private static Map<String, String> demoAccount(String provider) throws IOException {
        String config;
        try (var in = SampleSender.class.getResourceAsStream("/sandbox.yaml")) {
            config = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String prefix = "CALLINTEL_DEMO_" + provider.toUpperCase().replace('-', '_');
        SandboxProperties.Account derived = SandboxProperties.derivedAccount(provider);
        return Map.of("key", setting(config, prefix + "_KEY", derived.endpointKey()),
                "secret", setting(config, prefix + "_SECRET", derived.secret()));
    }

    private static String setting(String config, String variable, String fallback) {
        String fromEnv = System.getenv(variable);
        if (fromEnv != null) {
            return fromEnv;
        }
        Matcher m = Pattern.compile("\\$\\{" + variable + ":([^}]*)}").matcher(config);
        return m.find() ? m.group(1) : fallback;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
