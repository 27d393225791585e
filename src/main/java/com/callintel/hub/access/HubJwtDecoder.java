package com.callintel.hub.access;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Validates sign-in tokens against the identity provider's JWKS and issuer (signature, expiry, issuer), and the
 * audience and authorized party where configured. The JWKS is fetched with time limits and cached; a token with
 * an unknown key id refetches it at most as often as the rate limit allows, so forged key ids cost the identity
 * provider nothing. Built on first use, because the development issuer's JWKS lives on this hub's own port,
 * known only once it listens.
 */
@Component
class HubJwtDecoder implements JwtDecoder {

    /** Clerk's session tokens name the frontend origin that asked for them here. */
    static final String AUTHORIZED_PARTY = "azp";

    private final Supplier<JwtDecoder> delegate;

    HubJwtDecoder(AccessProperties properties, Environment environment) {
        this.delegate = SingletonSupplier.of(() -> {
            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
            NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor(properties, properties.jwksUri().replace("{port}", port)));
            decoder.setJwtValidator(validator(properties, properties.issuer().replace("{port}", port)));
            return decoder;
        });
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        return delegate.get().decode(token);
    }

    private static DefaultJWTProcessor<SecurityContext> processor(AccessProperties properties, String jwksUri) {
        AccessProperties.Jwks jwks = properties.jwks();
        DefaultResourceRetriever retriever = new DefaultResourceRetriever((int) jwks.connectTimeout().toMillis(),
                (int) jwks.readTimeout().toMillis(), JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT);
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(URI.create(jwksUri).toURL(), retriever)
                    .cache(jwks.cacheLifetime().toMillis(), jwks.connectTimeout().plus(jwks.readTimeout()).toMillis())
                    .rateLimited(jwks.refetchMinInterval().toMillis())
                    .retrying(false)
                    .outageTolerant(false)
                    .refreshAheadCache(false)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("callintel.access.jwks-uri is not a URL: " + jwksUri, e);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // the claims are checked by Spring's validators below, with their error messages
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        return processor;
    }

    private static OAuth2TokenValidator<Jwt> validator(AccessProperties properties, String issuer) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(issuer));
        List<String> audiences = properties.audiences();
        if (!audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        List<String> parties = properties.authorizedParties();
        if (!parties.isEmpty()) {
            // tokens a backend asks for carry no azp (as Clerk's own SDKs treat it): only a named party must be ours
            validators.add(new JwtClaimValidator<String>(AUTHORIZED_PARTY, azp -> azp == null || parties.contains(azp)));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }
}
