package com.callintel.hub.access;

/**
 * Published when a member who is no admin signs in for an identity-provider organization the hub does not know
 * (no admin has set it up yet): the sign-in is refused with "your admin has not set up CallIntel yet". An admin's
 * first sign-in creates the organization instead ({@link OrganizationOnboarding}).
 */
public record UnknownOrganizationSignIn(String externalOrgId, String userId, String role) {
}
