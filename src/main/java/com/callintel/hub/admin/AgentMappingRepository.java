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
