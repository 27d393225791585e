package com.callintel.hub.access;

/**
 * Published when a member of an identity-provider organization the hub does not know signs in: the hook where
 * onboarding of new organizations (issue 16) starts. Today nobody listens, and the sign-in is refused.
 */
public record UnknownOrganizationSignIn(String externalOrgId, String userId, String role) {
}
