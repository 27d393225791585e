package com.callintel.hub.access;

import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A valid token of a member (no admin) of an identity-provider organization no organization of the hub is linked
 * to: answered 403 "your admin has not set up CallIntel yet", not 401, because signing in again cannot help.
 */
class UnknownOrganizationException extends InvalidBearerTokenException {

    private final String externalId;

    UnknownOrganizationException(String externalId) {
        super("organization " + externalId + " is not known to this hub");
        this.externalId = externalId;
    }

    String externalId() {
        return externalId;
    }
}
