package com.callintel.hub.access;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may sign in: the identity provider's issuer and JWKS, the claim names that carry the user, organization and
 * role (defaults match Clerk's session tokens), which role values mean admin or agent, and the API rate limit.
 * {@code {port}} in the JWKS URI stands for this hub's own port (the development issuer).
 */
@ConfigurationProperties("callintel.access")
public record AccessProperties(String issuer, String jwksUri, Claims claims, List<String> adminRoles,
                               List<String> agentRoles, int apiRateLimitPerMinute, DevIssuer devIssuer) {

    /** Claim names read from each token. */
    public record Claims(String userId, String orgId, String role, String email) {
    }

    /** The built-in development issuer of the default run: its demo users by name. */
    public record DevIssuer(boolean enabled, int tokenMinutes, Map<String, DemoUser> users) {
        public DevIssuer {
            users = users == null ? Map.of() : Map.copyOf(users);
        }
    }

    /** A demo user the development issuer hands tokens out for. */
    public record DemoUser(String subject, String email, String role, String orgId) {
    }
}
