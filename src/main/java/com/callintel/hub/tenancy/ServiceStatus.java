package com.callintel.hub.tenancy;

import java.util.Set;
import java.util.UUID;

/**
 * Whether the hub serves an organization now: its billing in good standing (or none at all). The AMS sync and the
 * screen pop ask before they work for an organization; billing answers (the port a foundation package offers it).
 */
public interface ServiceStatus {

    boolean serves(UUID orgId);

    /** The organizations not served now (billing canceled, or past due beyond the grace period). */
    Set<UUID> unserved();
}
