package com.callintel.hub.access;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The identity provider's organization ids (Clerk's {@code org_2abc…}) and the hub's organizations they stand for:
 * the one owner of table {@code organization_external_id}. The lookup by external id is the one query without an
 * org_id in its WHERE: it is how a sign-in learns its organization.
 */
@Repository
public class OrganizationIds {

    private final JdbcClient jdbc;

    OrganizationIds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The hub's organization an identity-provider organization id stands for, if it is linked. */
    public Optional<UUID> internalId(String externalId) {
        return jdbc.sql("select org_id from organization_external_id where external_id = :external")
                .param("external", externalId).query(UUID.class).optional();
    }

    /** Links an identity-provider organization id to an organization of the hub (again: no change). */
    public void link(String externalId, UUID orgId) {
        jdbc.sql("""
                insert into organization_external_id (external_id, org_id) values (:external, :org)
                on conflict (external_id) do nothing
                """).param("external", externalId).param("org", orgId).update();
    }
}
