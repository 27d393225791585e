package com.callintel.hub.access;

import java.io.Serializable;
import java.util.UUID;

/** The signed-in member behind a request: identity-provider user, email, organization and role (kept in sessions). */
public record HubUser(String userId, String email, UUID orgId, Role role) implements Serializable {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
