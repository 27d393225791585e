package com.callintel.hub.access;

import java.util.List;
import java.util.UUID;

/**
 * The e-mail addresses of an organization's admins, as they last signed in (the notices ask it and let an admin take
 * one off; access keeps them, {@link OrganizationAdmins}). Empty until an admin with a verified address has signed in.
 */
public interface AdminAddresses {

    /** Each address once, with the id of an admin who signed in with it, in address order. */
    List<AdminAddress> of(UUID orgId);

    /**
     * Takes the address of admin {@code id} off the list, and with it every other admin who signed in with the same
     * address (one line on the list). False when the organization has no such admin. They are back at their next
     * sign-in as an admin.
     */
    boolean remove(UUID orgId, String id);

    /** An admin's address; {@code id} is their user id at the identity provider (the token's subject). */
    record AdminAddress(String id, String address) {
    }
}
