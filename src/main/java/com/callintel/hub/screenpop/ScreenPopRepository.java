package com.callintel.hub.screenpop;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.calls.Agent;
import com.callintel.hub.store.RelaxedCommit;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The screen_pop table and the agent mappings a pop needs; every query filters on org_id. */
@Repository
class ScreenPopRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ScreenPopProperties properties;
    private final TransactionTemplate transaction;

    ScreenPopRepository(JdbcClient jdbc, ObjectMapper mapper, Clock clock, ScreenPopProperties properties,
                        TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.mapper = mapper;
        this.clock = clock;
        this.properties = properties;
    }

    boolean popped(UUID orgId, long callId) {
        return jdbc.sql("select count(*) from screen_pop where org_id = :org and call_id = :call")
                .param("org", orgId).param("call", callId).query(Long.class).single() > 0;
    }

    /** The hub users the provider's agent stands for (agent mapping by user id, email or extension). */
    List<String> members(UUID orgId, String provider, Agent agent) {
        if (agent == null || (agent.id() == null && agent.email() == null && agent.extension() == null)) {
            return List.of();
        }
        return jdbc.sql("""
                select distinct member_id from agent_mapping
                where org_id = :org and provider = :provider
                  and (provider_user_id = :id or lower(email) = lower(:email) or extension = :extension)
                order by member_id
                """)
                .param("org", orgId).param("provider", provider).param("id", agent.id())
                .param("email", agent.email()).param("extension", agent.extension())
                .query(String.class).list();
    }

    /**
     * Stores one pop per recipient (a repeated ringing event adds nothing); the trigger announces each new one. A
     * pop lives minutes and a lost one costs nothing, so its commit does not wait for the disk (saves an fsync).
     */
    void insert(UUID orgId, long callId, List<String> members, JsonNode payload, Instant receivedAt) {
        transaction.executeWithoutResult(status -> insertNow(orgId, callId, members, payload, receivedAt));
    }

    private void insertNow(UUID orgId, long callId, List<String> members, JsonNode payload, Instant receivedAt) {
        RelaxedCommit.forThisTransaction(jdbc);
        Instant now = clock.instant();
        for (String member : members) {
            jdbc.sql("""
                    insert into screen_pop (org_id, call_id, member_id, payload, received_at, created_at)
                    values (:org, :call, :member, cast(:payload as jsonb), :received, :created)
                    on conflict do nothing
                    """)
                    .param("org", orgId).param("call", callId).param("member", member)
                    .param("payload", payload.toString()).param("received", Timestamp.from(receivedAt))
                    .param("created", Timestamp.from(now))
                    .update();
        }
    }

    Optional<ScreenPop> find(UUID orgId, long id) {
        return jdbc.sql(SELECT + " where org_id = :org and id = :id and created_at > :fresh")
                .param("org", orgId).param("id", id).param("fresh", freshSince())
                .query(this::pop).optional();
    }

    /** The still-fresh pops for a user after {@code afterId}, oldest first: what a (re)connecting stream replays. */
    List<ScreenPop> freshFor(UUID orgId, String userId, long afterId) {
        return jdbc.sql(SELECT + """
                 where org_id = :org and (member_id is null or member_id = :user) and id > :after and created_at > :fresh
                order by id
                """)
                .param("org", orgId).param("user", userId).param("after", afterId).param("fresh", freshSince())
                .query(this::pop).list();
    }

    /** Remembers the agent's pick on the pop itself, so a reconnecting browser shows it. */
    void markChosen(UUID orgId, long id, String targetId) {
        jdbc.sql("update screen_pop set payload = jsonb_set(payload, '{chosen}', to_jsonb(cast(:target as text))) "
                        + "where org_id = :org and call_id = (select call_id from screen_pop where org_id = :org and id = :id)")
                .param("target", targetId).param("org", orgId).param("id", id).update();
    }

    /** Deletes every pop older than the lifetime; returns how many. */
    int purge() {
        return jdbc.sql("delete from screen_pop where created_at <= :cutoff").param("cutoff", freshSince()).update();
    }

    private Timestamp freshSince() {
        return Timestamp.from(clock.instant().minus(properties.lifetime()));
    }

    private static final String SELECT = "select org_id, id, call_id, member_id, payload::text as payload, received_at, "
            + "created_at from screen_pop";

    private ScreenPop pop(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        try {
            return new ScreenPop(rs.getObject("org_id", UUID.class), rs.getLong("id"), rs.getLong("call_id"),
                    rs.getString("member_id"), mapper.readTree(rs.getString("payload")),
                    rs.getTimestamp("received_at").toInstant(), rs.getTimestamp("created_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("screen pop " + rs.getLong("id") + " has unreadable payload", e);
        }
    }
}
