package com.callintel.hub.access;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Console sign-in for the platform's operators: the "password" of the sign-in form is an access token from the
 * identity provider, checked exactly like an API token. The console keeps no passwords of its own; only
 * operators get in (an agency admin is no operator).
 */
class IdentityTokenAuthenticationProvider implements AuthenticationProvider {

    private final HubJwtDecoder decoder;
    private final OperatorConverter operators;

    IdentityTokenAuthenticationProvider(HubJwtDecoder decoder, OperatorConverter operators) {
        this.decoder = decoder;
        this.operators = operators;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        Object credentials = authentication.getCredentials();
        if (credentials == null || credentials.toString().isBlank()) {
            throw new BadCredentialsException("paste an access token from the identity provider");
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(credentials.toString().trim());
        } catch (JwtException e) {
            throw new BadCredentialsException("the access token is not valid");
        }
        var authorities = operators.authorities(jwt);
        if (authorities.isEmpty()) {
            throw new BadCredentialsException("only the platform's operators may open the console");
        }
        return UsernamePasswordAuthenticationToken.authenticated(jwt.getSubject(), null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
