package com.callintel.hub.access;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Reads the hub's user out of a validated token with the configured claim names. A token without a user,
 * an organization or a known role is refused: nobody reaches organization data without all three. The identity
 * provider's organization ids are mapped to the hub's own ({@link OrganizationIds}).
 */
@Component
public class HubUserConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final AccessProperties.Claims claims;
    private final AccessProperties properties;
    private final Pattern externalOrgId;
    private final OrganizationIds organizations;
    private final ApplicationEventPublisher events;
    private final OrganizationOnboarding onboarding;

    HubUserConverter(AccessProperties properties, OrganizationIds organizations, ApplicationEventPublisher events,
                     OrganizationOnboarding onboarding) {
        this.properties = properties;
        this.claims = properties.claims();
        this.externalOrgId = Pattern.compile(properties.externalOrgIdPattern());
        this.organizations = organizations;
        this.events = events;
        this.onboarding = onboarding;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        HubUser user = user(jwt);
        return new HubAuthentication(jwt, user);
    }

    /** The user a token stands for; throws when a claim the hub needs is missing or unknown. */
    public HubUser user(Jwt jwt) {
        String userId = jwt.getClaimAsString(claims.userId());
        String org = jwt.getClaimAsString(claims.orgId());
        String roleClaim = jwt.getClaimAsString(claims.role());
        if (userId == null || org == null || roleClaim == null) {
            throw new InvalidBearerTokenException("token lacks the " + claims.userId() + ", " + claims.orgId() + " or "
                    + claims.role() + " claim");
        }
        Role role;
        if (properties.adminRoles().contains(roleClaim)) {
            role = Role.ADMIN;
        } else if (properties.agentRoles().contains(roleClaim)) {
            role = Role.AGENT;
        } else {
            throw new InvalidBearerTokenException("role '" + roleClaim + "' is neither an admin nor an agent role");
        }
        String email = jwt.getClaimAsString(claims.email());
        UUID orgId = organization(jwt, org, userId, roleClaim, role, email);
        return new HubUser(userId, email, orgId, role);
    }

    /**
     * The hub's organization of an org claim: the hub's own id (the development issuer's tokens and the tests), or
     * the identity provider's id (Clerk: org_2abc...) linked to one. An unlinked one is created by its first admin
     * (onboarding); its agents are refused with 403 "your admin has not set up CallIntel yet".
     */
    private UUID organization(Jwt jwt, String org, String userId, String roleClaim, Role role, String email) {
        if (externalOrgId.matcher(org).matches()) {
            Optional<UUID> known = organizations.internalId(org);
            if (known.isPresent()) {
                return known.get();
            }
            if (role == Role.ADMIN && onboarding.enabled()) {
                return onboarding.onboard(jwt, org, userId, email);
            }
            events.publishEvent(new UnknownOrganizationSignIn(org, userId, roleClaim));
            throw new UnknownOrganizationException(org);
        }
        try {
            return UUID.fromString(org);
        } catch (IllegalArgumentException e) {
            throw new InvalidBearerTokenException("the " + claims.orgId() + " claim is not an organization of this hub");
        }
    }

    /** A validated token together with the hub user it names. */
    public static final class HubAuthentication extends JwtAuthenticationToken {
        private final transient HubUser user;

        HubAuthentication(Jwt jwt, HubUser user) {
            super(jwt, AuthorityUtils.createAuthorityList(Arrays.asList(user.role().authorities())), user.userId());
            this.user = user;
        }

        public HubUser user() {
            return user;
        }
    }
}
