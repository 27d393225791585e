package com.callintel.hub.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Turns a finished OpenID Connect sign-in into the hub's user: the access token that came with it is checked
 * exactly like an API bearer token ({@link HubJwtDecoder}) and read by {@link HubUserConverter} (which creates a
 * new organization for its first admin), so a browser session can never be more than the token behind it.
 * Platform operators get {@code ROLE_OPERATOR} (the console); a member of an organization no admin has set up is
 * refused with {@link #NOT_SET_UP}. Each sign-in of a member updates the organization's list of admins and their
 * addresses ({@link OrganizationAdmins}: who the notices are mailed to).
 */
@Component
class BrowserSignIn implements OAuth2UserService<OidcUserRequest, OidcUser> {

    /** The OAuth error code of a member whose organization no admin has set up. */
    static final String NOT_SET_UP = "organization_not_set_up";

    private final HubJwtDecoder decoder;
    private final HubUserConverter users;
    private final Operators operators;
    private final AccessProperties properties;
    private final OrganizationAdmins admins;

    BrowserSignIn(HubJwtDecoder decoder, HubUserConverter users, Operators operators, AccessProperties properties,
                  OrganizationAdmins admins) {
        this.decoder = decoder;
        this.users = users;
        this.operators = operators;
        this.properties = properties;
        this.admins = admins;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        Jwt access;
        try {
            access = decoder.decode(request.getAccessToken().getTokenValue());
        } catch (JwtException e) {
            throw refused("invalid_token", "The identity provider's access token is not valid for this hub.", e);
        }
        if (!Objects.equals(access.getSubject(), request.getIdToken().getSubject())) {
            throw refused("invalid_token", "The access token and the ID token name different users.", null);
        }
        boolean operator = operators.isOperator(access);
        HubUser user = null;
        if (access.getClaimAsString(properties.claims().orgId()) != null || !operator) {
            try {
                user = users.user(access);
            } catch (UnknownOrganizationException e) {
                throw refused(NOT_SET_UP, "Your admin has not set up CallIntel yet.", e);
            } catch (InvalidBearerTokenException e) {
                throw refused("access_denied", e.getMessage(), e);
            }
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (user != null) {
            admins.signedIn(user, request.getIdToken());
            authorities.addAll(AuthorityUtils.createAuthorityList(user.role().authorities()));
        }
        if (operator) {
            authorities.addAll(AuthorityUtils.createAuthorityList("ROLE_" + OperatorConverter.ROLE));
        }
        return new SignedInUser(authorities, request.getIdToken(), user, operator);
    }

    private static OAuth2AuthenticationException refused(String code, String description, Throwable cause) {
        OAuth2Error error = new OAuth2Error(code, description, null);
        return cause == null ? new OAuth2AuthenticationException(error) : new OAuth2AuthenticationException(error, cause);
    }
}
