package com.callintel.hub.tenancy;

import java.util.UUID;

/** An agency: owner of every record, with the phone region and time zone its data is read in. */
public record Organization(UUID id, String name, String defaultRegion, String timeZone) {
}
