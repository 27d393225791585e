package com.callintel.hub.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sandbox's Stripe events: the fixtures of src/test/resources/fixtures/stripe/ (Stripe's documented event
 * shapes, with the demo agency as the checkout's {@code client_reference_id}), and the demo endpoint secret of
 * sandbox.yaml they are signed with.
 */
public final class StripeEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StripeEvents() {
    }

    /** A fixture by name ({@code invoice-payment-failed}, with or without .json) or a file. */
    public static ObjectNode fixture(String name) {
        Path given = Path.of(name);
        try (InputStream in = Files.isRegularFile(given) ? Files.newInputStream(given)
                : StripeEvents.class.getResourceAsStream("/fixtures/stripe/" + (name.endsWith(".json") ? name : name + ".json"))) {
            if (in == null) {
                throw new IllegalArgumentException("no Stripe fixture '" + name + "' in src/test/resources/fixtures/stripe/");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event as the bytes Stripe would send, its {@code created} set to {@code at}. */
    public static byte[] createdAt(ObjectNode event, Instant at) {
        event.put("created", at.getEpochSecond());
        return bytes(event);
    }

    public static byte[] bytes(ObjectNode event) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first of the demo endpoint's secrets: CALLINTEL_STRIPE_WEBHOOK_SECRETS, else sandbox.yaml's default. */
    public static String sandboxSecret() {
        String configured = System.getenv("CALLINTEL_STRIPE_WEBHOOK_SECRETS");
        if (configured == null || configured.isBlank()) {
            try (InputStream in = StripeEvents.class.getResourceAsStream("/sandbox.yaml")) {
                Matcher m = Pattern.compile("\\$\\{CALLINTEL_STRIPE_WEBHOOK_SECRETS:([^}]*)}")
                        .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                configured = m.find() ? m.group(1) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return configured.split(",")[0].strip();
    }
}
