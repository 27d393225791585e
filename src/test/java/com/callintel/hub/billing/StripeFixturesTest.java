package com.callintel.hub.billing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import com.callintel.hub.problem.ProblemException;
import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.sandbox.SampleSender.SignedRequest;
import com.callintel.hub.sandbox.StripeEvents;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sandbox's Stripe fixtures, as the sample sender sends them (dated now, signed with sandbox.yaml's demo
 * secret), are events billing acts on, and the hub's check of Stripe's signature accepts them - and only with
 * that secret.
 */
class StripeFixturesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/stripe");
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    static List<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void theSandboxSendsEachFixtureAsAVerifiedEventBillingActsOn(String fixture) {
        byte[] payload = StripeEvents.createdAt(StripeEvents.fixture(fixture), NOW);
        SignedRequest signed = SampleSender.signStripe(payload, StripeEvents.sandboxSecret(), NOW);
        String body = new String(signed.body(), java.nio.charset.StandardCharsets.UTF_8);

        signature(StripeEvents.sandboxSecret()).verify(body, signed.headers().get("Stripe-Signature"));
        assertThatThrownBy(() -> signature("whsec_some_other_endpoint").verify(body, signed.headers().get("Stripe-Signature")))
                .isInstanceOf(ProblemException.class).hasMessageContaining("Invalid Stripe signature");
        StripeEvent event = StripeEvent.read(new ObjectMapper(), body);
        assertThat(event.handled()).as(event.type()).isTrue();
        assertThat(event.id()).startsWith("evt_");
        assertThat(event.created()).isEqualTo(NOW);
        assertThat(event.customer()).startsWith("cus_");
    }

    private static StripeSignature signature(String secret) {
        return new StripeSignature(new BillingProperties(new BillingProperties.Stripe(List.of(secret), null), null, 0, 0, null, null, 0),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
