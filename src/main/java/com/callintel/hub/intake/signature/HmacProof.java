package com.callintel.hub.intake.signature;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.callintel.hub.connectors.VoipConnector;
import com.callintel.hub.intake.WebhookRequest;

/**
 * The proof family {@code hmac}: a header ({@code signature-header}) carries {@code prefix + encoding(HMAC(secret,
 * message))}, where the message is {@code signature-template} with {@code {body}} (the raw body bytes),
 * {@code {timestamp}} (the value of {@code signature-timestamp-header}) and {@code {header:Name}} filled in. With a
 * timestamp header, the time it states ({@code signature-timestamp-unit} seconds or milliseconds since the epoch)
 * must lie inside the replay window. Zoom's {@code v0} signature is this with template {@code v0:{timestamp}:{body}}.
 */
final class HmacProof implements SignatureScheme {

    static final String NAME = "hmac";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(body|timestamp|header:[A-Za-z0-9-]+)}");

    private final String header;
    private final String algorithm;
    private final boolean hex;
    private final String prefix;
    private final String timestampHeader;
    private final boolean millis;
    private final Duration replayWindow;
    /** The template split into literal text and placeholders, in order. */
    private final List<String> parts = new ArrayList<>();
    private final ThreadLocal<Mac> mac;

    HmacProof(VoipConnector connector, Duration replayWindow) {
        ProofParameters parameters = new ProofParameters(connector);
        this.header = parameters.required("header");
        String template = parameters.optional("template", "{body}");
        this.algorithm = "Hmac" + parameters.oneOf("algorithm", "SHA256", "SHA256", "SHA1", "SHA512");
        this.hex = parameters.oneOf("encoding", "hex", "hex", "base64").equals("hex");
        this.prefix = parameters.optional("prefix", "");
        this.timestampHeader = parameters.optional("timestamp-header", null);
        this.millis = parameters.oneOf("timestamp-unit", "seconds", "seconds", "milliseconds").equals("milliseconds");
        parameters.noneUnknown();
        this.replayWindow = replayWindow;
        Matcher m = PLACEHOLDER.matcher(template);
        int at = 0;
        while (m.find()) {
            parts.add(template.substring(at, m.start()));
            parts.add(m.group());
            at = m.end();
        }
        parts.add(template.substring(at));
        if (!template.contains("{body}")) {
            throw parameters.invalid("template", "must contain {body}: a signature that does not cover the body proves nothing about it");
        }
        if (template.contains("{timestamp}") && timestampHeader == null) {
            throw parameters.invalid("template", "uses {timestamp} but no " + ProofParameters.PREFIX + "timestamp-header is given");
        }
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                return Mac.getInstance(algorithm);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String verify(WebhookRequest request, String secret, Instant now) {
        String signature = request.header(header);
        if (signature == null) {
            throw SignatureProblems.invalid("missing " + header + " header");
        }
        String timestamp = null;
        if (timestampHeader != null) {
            timestamp = request.header(timestampHeader);
            if (timestamp == null) {
                throw SignatureProblems.invalid("missing " + timestampHeader + " header");
            }
            timestamp = timestamp.trim();
            Instant sent = sentAt(timestamp);
            if (sent.isBefore(now.minus(replayWindow)) || sent.isAfter(now.plus(replayWindow))) {
                throw SignatureProblems.stale(timestampHeader + " " + sent + " is more than " + replayWindow.toSeconds()
                        + " s from the hub's time " + now);
            }
        }
        String given = signature.trim();
        if (!given.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw SignatureProblems.invalid(header + " does not start with '" + prefix + "'");
        }
        byte[] expected = digest(secret, message(request.body(), timestamp, request.headers()));
        if (!Hmac.constantTimeEquals(expected, decode(given.substring(prefix.length())))) {
            throw SignatureProblems.invalid(header + " does not match the webhook's secret");
        }
        return request.bodyText();
    }

    @Override
    public SignedWebhook sign(byte[] event, String secret, Instant now) {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Content-Type", "application/json");
        String timestamp = null;
        if (timestampHeader != null) {
            timestamp = Long.toString(millis ? now.toEpochMilli() : now.getEpochSecond());
            sent.put(timestampHeader, timestamp);
        }
        byte[] digest = digest(secret, message(event, timestamp, sent));
        sent.put(header, prefix + (hex ? HexFormat.of().formatHex(digest) : Base64.getEncoder().encodeToString(digest)));
        return new SignedWebhook(event, sent);
    }

    private Instant sentAt(String timestamp) {
        try {
            long value = Long.parseLong(timestamp);
            return millis ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        } catch (NumberFormatException | DateTimeException e) {
            throw SignatureProblems.invalid(timestampHeader + " is not epoch " + (millis ? "milliseconds" : "seconds"));
        }
    }

    private byte[] message(byte[] body, String timestamp, Map<String, String> headers) {
        ByteArrayOutputStream message = new ByteArrayOutputStream(body.length + 64);
        for (String part : parts) {
            switch (part) {
                case "{body}" -> message.writeBytes(body);
                case "{timestamp}" -> message.writeBytes(timestamp.getBytes(StandardCharsets.UTF_8));
                default -> {
                    if (part.startsWith("{header:")) {
                        String name = part.substring(8, part.length() - 1);
                        String value = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                                .map(Map.Entry::getValue).findFirst()
                                .orElseThrow(() -> SignatureProblems.invalid("missing " + name + " header"));
                        message.writeBytes(value.trim().getBytes(StandardCharsets.UTF_8));
                    } else {
                        message.writeBytes(part.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return message.toByteArray();
    }

    private byte[] digest(String secret, byte[] message) {
        try {
            Mac m = mac.get();
            m.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return m.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] decode(String encoded) {
        try {
            return hex ? HexFormat.of().parseHex(encoded.toLowerCase(Locale.ROOT)) : Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw SignatureProblems.invalid(header + " is not " + (hex ? "hex" : "base64"));
        }
    }
}
