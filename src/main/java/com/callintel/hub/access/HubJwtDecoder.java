package com.callintel.hub.access;

import java.util.function.Supplier;

import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Validates sign-in tokens against the identity provider's JWKS and issuer (signature, expiry, issuer). Built on
 * first use, because the development issuer's JWKS lives on this hub's own port, known only once it listens.
 */
@Component
class HubJwtDecoder implements JwtDecoder {

    private final Supplier<JwtDecoder> delegate;

    HubJwtDecoder(AccessProperties properties, Environment environment) {
        this.delegate = SingletonSupplier.of(() -> {
            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
            String issuer = properties.issuer().replace("{port}", port);
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri().replace("{port}", port)).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer)));
            return decoder;
        });
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        return delegate.get().decode(token);
    }
}
