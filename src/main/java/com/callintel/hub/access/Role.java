package com.callintel.hub.access;

/** What a signed-in member may do: admins run the organization, agents take calls. */
public enum Role {
    ADMIN, AGENT;

    /** Spring Security authorities: an admin can do everything an agent can. */
    public String[] authorities() {
        return this == ADMIN ? new String[] {"ROLE_ADMIN", "ROLE_AGENT"} : new String[] {"ROLE_AGENT"};
    }
}
