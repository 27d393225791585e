package com.callintel.hub.calls;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The call and SMS rows as the other features read and change them (the screen pop, the admin API, data rights):
 * the call table's one owner writes every statement on it. Every query filters on org_id.
 */
@Repository
public class CallRecords {

    /** The organization's previous call with a number, on a screen pop's card ({@code at} as PostgreSQL writes it). */
    public record LastActivity(String at, String direction, String outcome, String agent) {
    }

    /** One of an agent's calls of the day, as the agent's console lists it ({@code startedAt} as PostgreSQL writes it). */
    public record MyCall(long id, String provider, String direction, String externalNumber, String externalName,
                         String state, String outcome, String startedAt, Integer durationSeconds, String amsStatus,
                         String amsTargetId) {
    }

    /** A provider user seen in the organization's calls, and whether a mapping already stands for them. */
    public record SeenAgent(String provider, String userId, String name, String email, String extension,
                            Instant lastSeenAt, boolean mapped) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    CallRecords(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The recorded call's id, once processing has merged it. */
    /** A call's transcript as it is now, with its version (the MD5 the AI analysis queue keys on). */
    public record Transcript(String text, String md5) {
    }

    public Optional<Transcript> transcript(UUID orgId, long callId) {
        return jdbc.sql("select transcript, md5(transcript) as md5 from call where org_id = :org and id = :id and transcript is not null")
                .param("org", orgId).param("id", callId)
                .query((rs, n) -> new Transcript(rs.getString("transcript"), rs.getString("md5"))).optional();
    }

    /** Where a call's transcript can be fetched (its provider's link), and whether its text is already here. */
    public record TranscriptLink(String provider, String providerCallId, String url, boolean hasText) {
    }

    public Optional<TranscriptLink> transcriptLink(UUID orgId, long callId) {
        return jdbc.sql("""
                select provider, provider_call_id, transcript_url, transcript is not null as has_text
                from call where org_id = :org and id = :id""")
                .param("org", orgId).param("id", callId)
                .query((rs, n) -> new TranscriptLink(rs.getString("provider"), rs.getString("provider_call_id"),
                        rs.getString("transcript_url"), rs.getBoolean("has_text"))).optional();
    }

    public Optional<Long> callId(UUID orgId, String provider, String providerCallId) {
        return jdbc.sql("select id from call where org_id = :org and provider = :provider and provider_call_id = :callId")
                .param("org", orgId).param("provider", provider).param("callId", providerCallId)
                .query(Long.class).optional();
    }

    /** The organization's previous call with this number: the card's "last activity". */
    public Optional<LastActivity> lastActivity(UUID orgId, String number, long callId) {
        if (number == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select started_at::text as at, direction, coalesce(outcome, state) as outcome, agent_name
                from call where org_id = :org and external_number = :number and id <> :call
                order by started_at desc nulls last limit 1
                """)
                .param("org", orgId).param("number", number).param("call", callId)
                .query((rs, n) -> new LastActivity(rs.getString("at"), rs.getString("direction"), rs.getString("outcome"),
                        rs.getString("agent_name")))
                .optional();
    }

    /**
     * The calls the hub received today (the organization's day) whose agent is this user, newest first. "Received"
     * rather than the provider's start time, so replayed or late webhooks of older calls do not show as today's.
     */
    public List<MyCall> callsToday(UUID orgId, String userId, ZoneId zone) {
        Instant dayStart = clock.instant().atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        return jdbc.sql("""
                select c.id, c.provider, c.direction, c.external_number, c.external_name, c.state, c.outcome,
                    c.started_at::text as started_at, c.duration_seconds, s.status as ams_status, s.target_id
                from call c
                left join ams_sync s on s.org_id = c.org_id and s.source_kind = 'call' and s.source_id = c.id
                where c.org_id = :org and c.created_at >= :dayStart
                  and exists (select 1 from agent_mapping m where m.org_id = c.org_id and m.member_id = :user
                      and m.provider = c.provider and (m.provider_user_id = c.agent_id
                          or lower(m.email) = lower(c.agent_email) or m.extension = c.agent_extension))
                order by c.created_at desc limit 200
                """)
                .param("org", orgId).param("user", userId).param("dayStart", Timestamp.from(dayStart))
                .query((rs, n) -> new MyCall(rs.getLong("id"), rs.getString("provider"), rs.getString("direction"),
                        rs.getString("external_number"), rs.getString("external_name"), rs.getString("state"),
                        rs.getString("outcome"), rs.getString("started_at"), rs.getObject("duration_seconds", Integer.class),
                        rs.getString("ams_status"), rs.getString("target_id")))
                .list();
    }

    /** The AMS client an agent picked for the call (on its screen pop): the target of the call's note. */
    public void chooseAmsTarget(UUID orgId, long callId, String targetId) {
        jdbc.sql("update call set ams_target_id = :target where org_id = :org and id = :call")
                .param("target", targetId).param("org", orgId).param("call", callId).update();
    }

    /**
     * The provider users (id, email or extension) of the organization's calls recorded since {@code since}, the
     * latest first, each with the name last seen and whether a mapping matches them as the screen pop matches.
     */
    public List<SeenAgent> seenAgents(UUID orgId, Instant since) {
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
                .param("org", orgId).param("since", Timestamp.from(since))
                .query((rs, n) -> new SeenAgent(rs.getString("provider"), rs.getString("agent_id"),
                        rs.getString("agent_name"), rs.getString("agent_email"), rs.getString("agent_extension"),
                        rs.getTimestamp("last_seen_at").toInstant(), rs.getBoolean("mapped")))
                .list();
    }

    /** Calls and SMS synced to the AMS whose personal data the post-sync purge has yet to mask. */
    public long pendingPurgeAfterSync(UUID orgId) {
        return jdbc.sql("""
                select (select count(*) from call c join ams_sync s on s.org_id = c.org_id and s.source_kind = 'call'
                            and s.source_id = c.id where c.org_id = :org and c.purged_at is null and s.status = 'synced')
                     + (select count(*) from sms_message m join ams_sync s on s.org_id = m.org_id and s.source_kind = 'sms'
                            and s.source_id = m.id where m.org_id = :org and m.purged_at is null and s.status = 'synced')
                """).param("org", orgId).query(Long.class).single();
    }

    /** Calls and SMS never synced: they keep their personal data until the hard maximum. */
    public long notSyncedKeptUntilHardMaximum(UUID orgId) {
        return jdbc.sql("""
                select (select count(*) from call c where c.org_id = :org and c.purged_at is null and not exists
                            (select 1 from ams_sync s where s.org_id = c.org_id and s.source_kind = 'call'
                             and s.source_id = c.id and s.status = 'synced'))
                     + (select count(*) from sms_message m where m.org_id = :org and m.purged_at is null and not exists
                            (select 1 from ams_sync s where s.org_id = m.org_id and s.source_kind = 'sms'
                             and s.source_id = m.id and s.status = 'synced'))
                """).param("org", orgId).query(Long.class).single();
    }

    /** When the oldest call, SMS or webhook payload still holding personal data came in; null when none does. */
    public Timestamp oldestUnpurgedAt(UUID orgId) {
        return jdbc.sql("""
                select min(created_at) from (
                    select created_at from call where org_id = :org and purged_at is null
                    union all select created_at from sms_message where org_id = :org and purged_at is null
                    union all select received_at from inbound_event where org_id = :org and payload_purged_at is null) t
                """).param("org", orgId).query(Timestamp.class).optional().orElse(null);
    }

    /** The organization's calls and SMS the purges have masked. */
    public long purgedRecords(UUID orgId) {
        return jdbc.sql("""
                select (select count(*) from call where org_id = :org and purged_at is not null)
                     + (select count(*) from sms_message where org_id = :org and purged_at is not null)
                """).param("org", orgId).query(Long.class).single();
    }

    /** When the purges last masked one of the organization's calls or SMS. */
    public String lastPurgedAt(UUID orgId) {
        return jdbc.sql("""
                select greatest((select max(purged_at) from call where org_id = :org),
                                (select max(purged_at) from sms_message where org_id = :org))::text
                """).param("org", orgId).query(String.class).optional().orElse(null);
    }
}
