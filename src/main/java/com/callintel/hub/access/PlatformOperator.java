package com.callintel.hub.access;

import java.io.Serializable;

/** A platform operator (CallIntel staff) behind a request of the operator API: identity-provider user and email. */
public record PlatformOperator(String userId, String email) implements Serializable {
}
