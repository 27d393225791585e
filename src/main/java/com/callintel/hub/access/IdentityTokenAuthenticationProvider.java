package com.callintel.hub.access;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Console sign-in for admins: the "password" of the sign-in form is an access token from the identity provider,
 * checked exactly like an API token. The console keeps no passwords of its own; only admins get in.
 */
class IdentityTokenAuthenticationProvider implements AuthenticationProvider {

    private final HubJwtDecoder decoder;
    private final HubUserConverter users;

    IdentityTokenAuthenticationProvider(HubJwtDecoder decoder, HubUserConverter users) {
        this.decoder = decoder;
        this.users = users;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        Object credentials = authentication.getCredentials();
        if (credentials == null || credentials.toString().isBlank()) {
            throw new BadCredentialsException("paste an access token from the identity provider");
        }
        HubUser user;
        try {
            user = users.user(decoder.decode(credentials.toString().trim()));
        } catch (JwtException | AuthenticationException e) {
            throw new BadCredentialsException("the access token is not valid");
        }
        if (!user.isAdmin()) {
            throw new BadCredentialsException("only organization admins may open the console");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user.userId(), null,
                AuthorityUtils.createAuthorityList(user.role().authorities()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
