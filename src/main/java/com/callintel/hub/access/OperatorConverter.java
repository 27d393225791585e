package com.callintel.hub.access;

import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads a console bearer token: an operator gets {@code ROLE_OPERATOR}; anyone else is signed in without it, so
 * the console answers 403 (not 401) to a valid token of an agency admin or agent.
 */
class OperatorConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ROLE = "OPERATOR";

    private final Operators operators;

    OperatorConverter(Operators operators) {
        this.operators = operators;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, authorities(jwt), jwt.getSubject());
    }

    List<GrantedAuthority> authorities(Jwt jwt) {
        return operators.isOperator(jwt) ? AuthorityUtils.createAuthorityList("ROLE_" + ROLE) : List.of();
    }
}
