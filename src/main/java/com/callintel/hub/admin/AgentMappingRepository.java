package com.callintel.hub.admin;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Which organization member a provider's agent identity (user id, email, extension) stands for. */
@Repository
public class AgentMappingRepository {

    private final JdbcClient jdbc;

    AgentMappingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One mapping line. */
    public record AgentMapping(String memberId, String provider, String providerUserId, String email, String extension) {
    }

    /** A provider user seen in the organization's calls, and whether a mapping already stands for them. */
    public record SeenAgent(String provider, String userId, String name, String email, String extension,
                            java.time.Instant lastSeenAt, boolean mapped) {
    }

    /**
     * The provider users (id, email or extension) of the organization's calls recorded since {@code since}, the
     * latest first, each with the name last seen and whether a mapping matches them as the screen pop matches.
     */
    public List<SeenAgent> seen(UUID orgId, java.time.Instant since) {
        return jdbc.sql("""
                select c.provider, c.agent_id, (array_agg(c.agent_name order by c.updated_at desc))[1] as agent_name,
                    c.agent_email, c.agent_extension, max(c.updated_at) as last_seen_at,
                    exists (select 1 from agent_mapping m where m.org_id = :org and m.provider = c.provider
                        and (m.provider_user_id = c.agent_id or lower(m.email) = lower(c.agent_email)
                             or m.extension = c.agent_extension)) as mapped
                from call c
                where c.org_id = :org and c.updated_at >= :since and c.purged_at is null
                  and (c.agent_id is not null or c.agent_email is not null or c.agent_extension is not null)
                group by c.provider, c.agent_id, c.agent_email, c.agent_extension
                order by last_seen_at desc, c.provider, c.agent_id
                limit 500
                """)
                .param("org", orgId).param("since", java.sql.Timestamp.from(since))
                .query((rs, n) -> new SeenAgent(rs.getString("provider"), rs.getString("agent_id"),
                        rs.getString("agent_name"), rs.getString("agent_email"), rs.getString("agent_extension"),
                        rs.getTimestamp("last_seen_at").toInstant(), rs.getBoolean("mapped")))
                .list();
    }

    public List<AgentMapping> list(UUID orgId) {
        return jdbc.sql("""
                select member_id, provider, provider_user_id, email, extension from agent_mapping
                where org_id = :org order by member_id, provider
                """)
                .param("org", orgId).query(AgentMapping.class).list();
    }

    /** Replaces the organization's whole mapping with {@code mappings}. */
    @Transactional
    public void replace(UUID orgId, List<AgentMapping> mappings) {
        jdbc.sql("delete from agent_mapping where org_id = :org").param("org", orgId).update();
        for (AgentMapping m : mappings) {
            jdbc.sql("""
                    insert into agent_mapping (org_id, member_id, provider, provider_user_id, email, extension)
                    values (:org, :member, :provider, :userId, :email, :extension)
                    """)
                    .param("org", orgId).param("member", m.memberId()).param("provider", m.provider())
                    .param("userId", m.providerUserId()).param("email", m.email()).param("extension", m.extension())
                    .update();
        }
    }
}
