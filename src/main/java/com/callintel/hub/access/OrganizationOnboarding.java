package com.callintel.hub.access;

import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.tenancy.Organization;
import com.callintel.hub.tenancy.TenantRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the hub's organization for an identity-provider organization on its first admin's sign-in: named by the
 * token's claims, with the default region and time zone, linked to the external id, audited. Two first sign-ins at
 * once create it once (a transaction lock on the external id).
 */
@Component
class OrganizationOnboarding {

    private static final Logger log = LoggerFactory.getLogger(OrganizationOnboarding.class);
    private static final int NAME_LENGTH = 200;

    private final OnboardingProperties properties;
    private final OrganizationIds organizations;
    private final TenantRepository tenants;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    OrganizationOnboarding(OnboardingProperties properties, OrganizationIds organizations, TenantRepository tenants,
                           AuditLog audit, JdbcClient jdbc, TransactionTemplate transactions) {
        this.properties = properties;
        this.organizations = organizations;
        this.tenants = tenants;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    boolean enabled() {
        return properties.enabled();
    }

    /** The hub's organization of {@code externalId}, created now if no admin has signed in for it before. */
    UUID onboard(Jwt token, String externalId, String adminId, String email) {
        return transactions.execute(status -> {
            // serializes first sign-ins of the same organization on every node; released with the transaction
            jdbc.sql("select pg_advisory_xact_lock(hashtext('onboarding:' || :external))")
                    .param("external", externalId).query().listOfRows();
            Optional<UUID> existing = organizations.internalId(externalId);
            if (existing.isPresent()) {
                return existing.get();
            }
            UUID orgId = UUID.randomUUID();
            tenants.saveOrganization(new Organization(orgId, name(token, externalId), properties.defaultRegion(),
                    properties.defaultTimeZone()));
            organizations.link(externalId, orgId);
            audit.record(new HubUser(adminId, email, orgId, Role.ADMIN), "organization.onboarded",
                    "organization/" + orgId + " (identity provider " + externalId + ")", 201);
            log.info("Onboarded organization {} for identity-provider organization {} (first admin {})", orgId, externalId, adminId);
            return orgId;
        });
    }

    /** The organization's name claim, else its slug, else the external id; trimmed to a sane length. */
    private String name(Jwt token, String externalId) {
        for (String claim : new String[] {properties.orgNameClaim(), properties.orgSlugClaim()}) {
            String value = token.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                String name = value.strip();
                return name.length() > NAME_LENGTH ? name.substring(0, NAME_LENGTH) : name;
            }
        }
        return externalId;
    }
}
