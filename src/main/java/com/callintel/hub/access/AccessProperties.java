package com.callintel.hub.access;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may sign in: the identity provider's issuer and JWKS (and how it is fetched), the audiences and authorized
 * parties a token must name, the claim names that carry the user, organization and role (defaults match Clerk's
 * session tokens), which role values mean admin or agent, the platform's operators, and the API rate limit.
 * {@code {port}} in the issuer and the JWKS URI stands for this hub's own port (the development issuer).
 */
@ConfigurationProperties("callintel.access")
public record AccessProperties(String issuer, String jwksUri, Jwks jwks, List<String> audiences,
                               List<String> authorizedParties, Claims claims, String externalOrgIdPattern,
                               List<String> adminRoles, List<String> agentRoles, List<String> operators,
                               int apiRateLimitPerMinute, DevIssuer devIssuer) {

    public AccessProperties {
        Objects.requireNonNull(jwks, "callintel.access.jwks must be configured");
        audiences = nonBlank(audiences);
        authorizedParties = nonBlank(authorizedParties);
        adminRoles = adminRoles == null ? List.of() : List.copyOf(adminRoles);
        agentRoles = agentRoles == null ? List.of() : List.copyOf(agentRoles);
        operators = nonBlank(operators);
        devIssuer = devIssuer == null ? new DevIssuer(false, 60, false, null) : devIssuer;
    }

    /** A list from an environment variable: empty when unset ("" binds to one blank entry on some paths). */
    private static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
    }

    /**
     * How the JWKS is fetched: time limits of one fetch, how long fetched keys are kept, and the shortest time
     * between two fetches (a token with an unknown key id costs at most one fetch per interval).
     */
    public record Jwks(Duration connectTimeout, Duration readTimeout, Duration cacheLifetime, Duration refetchMinInterval) {
        public Jwks {
            Objects.requireNonNull(connectTimeout, "callintel.access.jwks.connect-timeout must be configured");
            Objects.requireNonNull(readTimeout, "callintel.access.jwks.read-timeout must be configured");
            Objects.requireNonNull(cacheLifetime, "callintel.access.jwks.cache-lifetime must be configured");
            Objects.requireNonNull(refetchMinInterval, "callintel.access.jwks.refetch-min-interval must be configured");
        }
    }

    /** Claim names read from each token. */
    public record Claims(String userId, String orgId, String role, String email) {
    }

    /**
     * The development issuer of the sandbox run (src/test/java: never in the production jar): its demo users by
     * name. It refuses to run against an external database unless {@code allowExternalDatabase} (only for test
     * nodes sharing another node's embedded database; see DevIssuerGuard beside it).
     */
    public record DevIssuer(boolean enabled, int tokenMinutes, boolean allowExternalDatabase, Map<String, DemoUser> users) {
        public DevIssuer {
            users = users == null ? Map.of() : Map.copyOf(users);
        }
    }

    /**
     * A demo user the development issuer hands tokens out for; an operator has no organization or role. An
     * identity-provider organization id ({@code org_...}) with a name plays an organization the hub does not know yet.
     */
    public record DemoUser(String subject, String email, String role, String orgId, String orgName, boolean operator) {
    }
}
