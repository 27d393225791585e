package com.callintel.hub.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for the identity provider in the default run and the tests (never in production): it publishes a
 * JWKS and hands out RS256 tokens shaped like Clerk session tokens for the configured demo users.
 * <pre>curl -s -X POST 'localhost:8080/dev/token?user=admin'</pre>
 */
@RestController
@ConditionalOnProperty(name = "callintel.access.dev-issuer.enabled", havingValue = "true")
public class DevIdentityProvider {

    private final RSAKey key;
    private final AccessProperties properties;
    private final Environment environment;
    private final Clock clock;

    DevIdentityProvider(AccessProperties properties, Environment environment, Clock clock) throws JOSEException {
        this.key = new RSAKeyGenerator(2048).keyID("dev-" + UUID.randomUUID()).generate();
        this.properties = properties;
        this.environment = environment;
        this.clock = clock;
    }

    @GetMapping(path = "/dev/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }

    @PostMapping(path = "/dev/token", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> token(@RequestParam(defaultValue = "admin") String user) {
        AccessProperties.DemoUser demo = properties.devIssuer().users().get(user);
        if (demo == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown demo user");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokenFor(demo));
        body.put("token_type", "Bearer");
        body.put("expires_in", Duration.ofMinutes(properties.devIssuer().tokenMinutes()).toSeconds());
        return body;
    }

    /** A signed session token for a demo user. */
    public String tokenFor(AccessProperties.DemoUser user) {
        AccessProperties.Claims names = properties.claims();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(names.userId(), user.subject());
        claims.put(names.email(), user.email());
        // an operator belongs to no organization: its token carries no organization and no organization role
        if (user.orgId() != null) {
            claims.put(names.orgId(), user.orgId());
        }
        if (user.role() != null) {
            claims.put(names.role(), user.role());
        }
        return sign(claims, Duration.ofMinutes(properties.devIssuer().tokenMinutes()));
    }

    /** A token with exactly these claims (plus issuer and times), signed with the published key. For tests. */
    public String sign(Map<String, Object> claims, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)));
        claims.forEach(set::claim);
        return sign(set.build());
    }

    String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return properties.issuer().replace("{port}", port);
    }
}
