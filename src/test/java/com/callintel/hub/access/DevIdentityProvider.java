package com.callintel.hub.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for the identity provider in the default run and the tests (never in production): it publishes a
 * JWKS and hands out RS256 tokens shaped like Clerk session tokens for the configured demo users, to scripts
 * directly and to browsers through OpenID Connect (discovery document, authorization code with PKCE at the token
 * endpoint; the user picker is {@link DevSignInPage}), so the default run signs in as production does.
 * <pre>curl -s -X POST 'localhost:8080/dev/token?user=admin'</pre>
 */
@RestController
@ConditionalOnProperty(name = "callintel.access.dev-issuer.enabled", havingValue = "true")
public class DevIdentityProvider {

    /** Claims of a token that only the issuer sets; a token pasted at the picker keeps the others. */
    private static final Set<String> ISSUER_CLAIMS = Set.of("iss", "iat", "nbf", "exp", "aud", "jti", "nonce", "azp");

    private final RSAKey key;
    private final AccessProperties properties;
    private final OnboardingProperties onboarding;
    private final BrowserSignInProperties client;
    private final Environment environment;
    private final Clock clock;
    private final DevAuthorizations authorizations;

    DevIdentityProvider(AccessProperties properties, OnboardingProperties onboarding, BrowserSignInProperties client,
                        Environment environment, Clock clock) throws JOSEException {
        this.key = new RSAKeyGenerator(2048).keyID("dev-" + UUID.randomUUID()).generate();
        this.properties = properties;
        this.onboarding = onboarding;
        this.client = client;
        this.environment = environment;
        this.clock = clock;
        this.authorizations = new DevAuthorizations(clock);
    }

    /** The OpenID Connect discovery document: where a client sends browsers, redeems codes and finds the keys. */
    @GetMapping(path = "/dev/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> discovery() {
        String issuer = issuer();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", issuer);
        body.put("authorization_endpoint", issuer + "/authorize");
        body.put("token_endpoint", issuer + "/oauth/token");
        body.put("jwks_uri", issuer + "/.well-known/jwks.json");
        body.put("end_session_endpoint", issuer + "/logout");
        body.put("response_types_supported", List.of("code"));
        body.put("grant_types_supported", List.of("authorization_code"));
        body.put("subject_types_supported", List.of("public"));
        body.put("id_token_signing_alg_values_supported", List.of("RS256"));
        body.put("code_challenge_methods_supported", List.of("S256"));
        body.put("scopes_supported", List.of("openid", "email", "profile"));
        body.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        return body;
    }

    /**
     * Redeems an authorization code (RFC 6749 4.1.3) for an ID token and an access token: once, within its lifetime,
     * by the client it was issued to, with the same redirect URI and the PKCE verifier of its challenge.
     */
    @PostMapping(path = "/dev/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> redeem(@RequestParam MultiValueMap<String, String> form,
                                               @RequestHeader(name = "Authorization", required = false) String authorization) {
        if (!"authorization_code".equals(form.getFirst("grant_type"))) {
            return oauthError(HttpStatus.BAD_REQUEST, "unsupported_grant_type", "only authorization_code is supported");
        }
        String[] basic = basicCredentials(authorization);
        String clientId = basic != null ? basic[0] : form.getFirst("client_id");
        String secret = basic != null ? basic[1] : form.getFirst("client_secret");
        if (!knownClient(clientId, secret)) {
            return oauthError(HttpStatus.UNAUTHORIZED, "invalid_client", "unknown client or wrong secret");
        }
        Optional<DevAuthorizations.Grant> grant = authorizations.redeem(form.getFirst("code"));
        if (grant.isEmpty() || !grant.get().request().clientId().equals(clientId)
                || !grant.get().request().redirectUri().equals(form.getFirst("redirect_uri"))) {
            return oauthError(HttpStatus.BAD_REQUEST, "invalid_grant", "unknown, used or expired code, or another redirect_uri");
        }
        if (!DevAuthorizations.verifies(form.getFirst("code_verifier"), grant.get().request().codeChallenge())) {
            return oauthError(HttpStatus.BAD_REQUEST, "invalid_grant", "the PKCE code_verifier does not match the code_challenge");
        }
        Map<String, Object> claims = grant.get().claims();
        Duration lifetime = Duration.ofMinutes(properties.devIssuer().tokenMinutes());
        Map<String, Object> idClaims = new LinkedHashMap<>(claims);
        idClaims.put("aud", clientId);
        if (grant.get().request().nonce() != null) {
            idClaims.put("nonce", grant.get().request().nonce());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", sign(claims, lifetime));
        body.put("id_token", sign(idClaims, lifetime));
        body.put("token_type", "Bearer");
        body.put("expires_in", lifetime.toSeconds());
        body.put("scope", grant.get().request().scope());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
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
        return sign(claimsOf(user), Duration.ofMinutes(properties.devIssuer().tokenMinutes()));
    }

    /** The claims of a demo user's tokens, with the configured claim names. */
    Map<String, Object> claimsOf(AccessProperties.DemoUser user) {
        AccessProperties.Claims names = properties.claims();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(names.userId(), user.subject());
        claims.put(names.email(), user.email());
        // an operator belongs to no organization: its token carries no organization and no organization role
        if (user.orgId() != null) {
            claims.put(names.orgId(), user.orgId());
        }
        if (user.orgName() != null) {
            claims.put(onboarding.orgNameClaim(), user.orgName());
        }
        if (user.role() != null) {
            claims.put(names.role(), user.role());
        }
        return claims;
    }

    /** The claims of a token this issuer signed and that has not expired (a token pasted at the picker). */
    Optional<Map<String, Object>> claimsOf(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token.strip());
            JWTClaimsSet set = jwt.getJWTClaimsSet();
            if (!jwt.verify(new RSASSAVerifier(key.toRSAPublicKey())) || !issuer().equals(set.getIssuer())
                    || set.getExpirationTime() == null || set.getExpirationTime().toInstant().isBefore(clock.instant())
                    || set.getSubject() == null) {
                return Optional.empty();
            }
            Map<String, Object> claims = new LinkedHashMap<>(set.toJSONObject());
            claims.keySet().removeAll(ISSUER_CLAIMS);
            return Optional.of(claims);
        } catch (java.text.ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    DevAuthorizations authorizations() {
        return authorizations;
    }

    /** The hub's OpenID Connect client, with its secret when one is configured. */
    boolean knownClient(String clientId, String secret) {
        if (clientId == null || !clientId.equals(client.clientId())) {
            return false;
        }
        return client.clientSecret().isEmpty() || java.security.MessageDigest.isEqual(
                client.clientSecret().getBytes(StandardCharsets.UTF_8), (secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8));
    }

    boolean knownClient(String clientId) {
        return clientId != null && clientId.equals(client.clientId());
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ResponseEntity<Map<String, Object>> oauthError(HttpStatus status, String error, String description) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
                .body(Map.of("error", error, "error_description", description));
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
