package com.callintel.hub.access;

import java.util.UUID;

/** The signed-in member behind a request: identity-provider user id, email, organization and role. */
public record HubUser(String userId, String email, UUID orgId, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
