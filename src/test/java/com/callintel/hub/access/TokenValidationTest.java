package com.callintel.hub.access;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Token checks below the HTTP layer: the identity provider's JWKS is fetched with time limits, a flood of tokens
 * naming unknown key ids costs at most a bounded number of fetches (an attacker cannot make the hub hammer the
 * identity provider or hang on it), and a token meant for another audience or client is refused.
 */
class TokenValidationTest {

    private static final String ISSUER = "https://idp.callintel.test";

    private final AtomicInteger fetches = new AtomicInteger();
    private RSAKey key;
    private HttpServer jwks;

    @BeforeEach
    void startJwks() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("known-key").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
    }

    @AfterEach
    void stopJwks() {
        jwks.stop(0);
    }

    @Test
    void floodOfTokensWithUnknownKeyIdsFetchesTheJwksOnlyWithinTheLimit() throws Exception {
        HubJwtDecoder decoder = decoder(jwksUri(), Duration.ofMinutes(10));
        assertThat(decoder.decode(token(key, key.getKeyID())).getSubject()).isEqualTo("user_1");
        int afterFirstSignIn = fetches.get();

        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        for (int i = 0; i < 200; i++) {
            String forged = token(stranger, "kid-" + UUID.randomUUID());
            assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        }

        // the rate limiter lets at most two refetches through per interval
        assertThat(fetches.get() - afterFirstSignIn).isLessThanOrEqualTo(2);
        assertThat(decoder.decode(token(key, key.getKeyID())).getSubject()).as("real tokens still pass").isEqualTo("user_1");
    }

    @Test
    // a guard against hanging forever (a blocked socket read ignores interrupts, hence its own thread), not a
    // speed promise: the configured read timeout is 1 s
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void jwksThatNeverAnswersFailsTheSignInInsteadOfHangingIt() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            HubJwtDecoder decoder = decoder("http://127.0.0.1:" + silent.getLocalPort() + "/jwks.json", Duration.ofMinutes(10));
            String token = token(key, key.getKeyID());
            assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
        }
    }

    @Test
    void tokenForAnotherAudienceIsRefused() throws Exception {
        HubJwtDecoder decoder = decoder(jwksUri(), Duration.ofMinutes(10), List.of("https://hub.callintel.test"), List.of());

        assertThat(decoder.decode(token(key, key.getKeyID(), Map.of("aud", List.of("https://hub.callintel.test")))).getSubject())
                .isEqualTo("user_1");
        assertThatThrownBy(() -> decoder.decode(token(key, key.getKeyID(), Map.of("aud", List.of("https://other-app.example")))))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(token(key, key.getKeyID()))).as("no aud at all").isInstanceOf(JwtException.class);
    }

    @Test
    void tokenIssuedToAnotherClientIsRefused() throws Exception {
        HubJwtDecoder decoder = decoder(jwksUri(), Duration.ofMinutes(10), List.of(), List.of("https://hub.callintel.test"));

        assertThat(decoder.decode(token(key, key.getKeyID(), Map.of("azp", "https://hub.callintel.test"))).getSubject()).isEqualTo("user_1");
        assertThat(decoder.decode(token(key, key.getKeyID())).getSubject()).as("a backend's token names no azp").isEqualTo("user_1");
        assertThatThrownBy(() -> decoder.decode(token(key, key.getKeyID(), Map.of("azp", "https://evil.example"))))
                .isInstanceOf(JwtException.class);
    }

    private String jwksUri() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json";
    }

    private static HubJwtDecoder decoder(String jwksUri, Duration refetchMinInterval) {
        return decoder(jwksUri, refetchMinInterval, List.of(), List.of());
    }

    private static HubJwtDecoder decoder(String jwksUri, Duration refetchMinInterval, List<String> audiences, List<String> parties) {
        AccessProperties properties = new AccessProperties(ISSUER, jwksUri,
                new AccessProperties.Jwks(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(15), refetchMinInterval),
                audiences, parties, new AccessProperties.Claims("sub", "org_id", "org_role", "email"), "org_[A-Za-z0-9]{1,64}",
                List.of("org:admin"), List.of("org:member"), List.of(), 600, null);
        return new HubJwtDecoder(properties, new MockEnvironment());
    }

    static String token(RSAKey signer, String keyId) throws Exception {
        return token(signer, keyId, Map.of());
    }

    static String token(RSAKey signer, String keyId, Map<String, Object> extraClaims) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("user_1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
        extraClaims.forEach(claims::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).type(JOSEObjectType.JWT).build(),
                claims.build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }
}
