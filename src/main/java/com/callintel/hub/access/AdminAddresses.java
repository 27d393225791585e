package com.callintel.hub.access;

import java.util.List;
import java.util.UUID;

/**
 * The e-mail addresses of an organization's admins, as they last signed in (the notices ask it; access keeps them,
 * {@link OrganizationAdmins}). Empty until an admin with a verified address has signed in.
 */
public interface AdminAddresses {

    List<String> of(UUID orgId);
}
