package com.callintel.hub.access;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * Who a browser session belongs to after the OpenID Connect sign-in: the identity provider's user, the hub user
 * its access token names (null for a platform operator, who belongs to no organization) and whether it is an
 * operator.
 */
public final class SignedInUser extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;

    private final HubUser user;
    private final boolean operator;

    SignedInUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, HubUser user, boolean operator) {
        super(authorities, idToken);
        this.user = user;
        this.operator = operator;
    }

    /** The organization member, or null for an operator without one. */
    public HubUser user() {
        return user;
    }

    public boolean operator() {
        return operator;
    }
}
