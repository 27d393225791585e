package com.callintel.hub.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends a provider fixture to a running hub, signed exactly as that provider signs. Depends on the JDK only, so
 * it runs straight from source:
 * <pre>java src/main/java/com/callintel/hub/sandbox/SampleSender.java zoom inbound-ringing</pre>
 * Fixtures are read from ../shared/fixtures/voip/&lt;provider&gt;/; endpoint keys and secrets default to the demo
 * accounts of config/application.yaml (and honour the same CALLINTEL_DEMO_* environment variables).
 * Tests use {@link #sign} to build the same requests.
 */
public final class SampleSender {

    /** A webhook ready to post: body bytes and the headers the provider would set. */
    public record SignedRequest(byte[] body, Map<String, String> headers) {
    }

    private SampleSender() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java SampleSender.java <provider> <fixture name or file> [hub base URL]");
            System.err.println("  e.g. java src/main/java/com/callintel/hub/sandbox/SampleSender.java zoom inbound-ringing");
            System.exit(2);
        }
        String provider = args[0];
        Path fixture = fixture(provider, args[1]);
        String hub = args.length > 2 ? args[2] : env("CALLINTEL_HUB_URL", "http://localhost:8080");
        Map<String, String> demo = demoAccount(provider);
        SignedRequest request = sign(provider, Files.readAllBytes(fixture), demo.get("secret"), Instant.now());
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(hub + "/webhooks/" + provider + "/" + demo.get("key")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(http::header);
        HttpResponse<String> response = HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(response.statusCode() + " " + response.body());
        System.exit(response.statusCode() / 100 == 2 ? 0 : 1);
    }

    /**
     * Signs {@code fixture} (bytes as stored) the way {@code provider} would at {@code now}: with the signature
     * scheme its connector file names in {@code callintel.io/signature}.
     */
    public static SignedRequest sign(String provider, byte[] fixture, String secret, Instant now) {
        return signWithScheme(signatureScheme(provider), fixture, secret, now);
    }

    /** The {@code callintel.io/signature} of connectors/voip/&lt;provider&gt;.kamelet.yaml. */
    static String signatureScheme(String provider) {
        Path connector = Path.of("connectors/voip", provider + ".kamelet.yaml");
        try {
            Matcher m = Pattern.compile("callintel\\.io/signature:\\s*(\\S+)").matcher(Files.readString(connector));
            if (m.find()) {
                return m.group(1);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("no connector file " + connector.toAbsolutePath(), e);
        }
        throw new IllegalArgumentException(connector + " names no callintel.io/signature");
    }

    /** Signs as the named signature scheme does. */
    public static SignedRequest signWithScheme(String scheme, byte[] fixture, String secret, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        switch (scheme) {
            case "dialpad-jwt" -> {
                // Dialpad posts the event as the claims of an HS256 JWT; the fixture .jwt files are already tokens.
                String text = new String(fixture, StandardCharsets.UTF_8).trim();
                String token = text.startsWith("{") ? jwt(compactJson(text), secret) : text;
                headers.put("Content-Type", "application/jwt");
                return new SignedRequest(token.getBytes(StandardCharsets.UTF_8), headers);
            }
            case "ringcentral-token" -> {
                headers.put("Content-Type", "application/json; charset=UTF-8");
                headers.put("User-Agent", "RingCentral-Webhook/8.3");
                headers.put("Verification-Token", secret);
            }
            case "vonage-jwt" -> {
                String claims = "{\"iat\":" + now.getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID()
                        + "\",\"iss\":\"Vonage\",\"payload_hash\":\"" + hex(sha256(fixture))
                        + "\",\"api_key\":\"a1b2c3d4\",\"application_id\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\"}";
                headers.put("Authorization", "Bearer " + jwt(claims, secret));
            }
            case "zoom-v0" -> {
                String timestamp = Long.toString(now.getEpochSecond());
                byte[] prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
                byte[] message = new byte[prefix.length + fixture.length];
                System.arraycopy(prefix, 0, message, 0, prefix.length);
                System.arraycopy(fixture, 0, message, prefix.length, fixture.length);
                headers.put("x-zm-request-timestamp", timestamp);
                headers.put("x-zm-signature", "v0=" + hex(hmac(secret, message)));
            }
            case "endpoint-key" -> {
                // unsigned: the endpoint key in the URL is the proof
            }
            default -> throw new IllegalArgumentException("no signing recipe for signature scheme '" + scheme + "'");
        }
        return new SignedRequest(fixture, headers);
    }

    static String jwt(String claimsJson, String secret) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        String signature = b64.encodeToString(hmac(secret, (header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        return header + "." + payload + "." + signature;
    }

    /** Removes the insignificant white space of pretty-printed JSON (outside strings), as Dialpad sends claims. */
    static String compactJson(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        boolean escaped = false;
        for (char c : json.toCharArray()) {
            if (inString) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static byte[] hmac(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static Path fixture(String provider, String name) {
        Path given = Path.of(name);
        if (Files.isRegularFile(given)) {
            return given;
        }
        // Vonage Business (VIS) events are filed with the other Vonage fixtures.
        Path folder = Path.of(env("CALLINTEL_FIXTURES", "../shared/fixtures/voip"), provider.equals("vonage-business") ? "vonage" : provider);
        for (String candidate : new String[] {name, name + ".json", name + ".jwt"}) {
            if (Files.isRegularFile(folder.resolve(candidate))) {
                return folder.resolve(candidate);
            }
        }
        throw new IllegalArgumentException("no fixture '" + name + "' in " + folder.toAbsolutePath());
    }

    /** The demo account's endpoint key and secret: environment first, then the defaults in config/application.yaml. */
    private static Map<String, String> demoAccount(String provider) throws IOException {
        String config = Files.readString(Path.of("config/application.yaml"));
        String prefix = "CALLINTEL_DEMO_" + provider.toUpperCase().replace('-', '_');
        return Map.of("key", setting(config, prefix + "_KEY"), "secret", setting(config, prefix + "_SECRET"));
    }

    private static String setting(String config, String variable) {
        String fromEnv = System.getenv(variable);
        if (fromEnv != null) {
            return fromEnv;
        }
        Matcher m = Pattern.compile("\\$\\{" + variable + ":([^}]*)}").matcher(config);
        if (!m.find()) {
            throw new IllegalArgumentException(variable + " is neither set nor defaulted in config/application.yaml");
        }
        return m.group(1);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
