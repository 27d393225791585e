package com.callintel.hub.transcripts;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The fetch queue of transcripts sent as a link (table {@code transcript_fetch}): every statement on it is here.
 * One fetch per call, asked for in the call's own upsert; the link itself is read from the call when it runs.
 */
@Repository
class TranscriptFetches {

    /**
     * The queue step of recording a call, a CTE after {@code changed(…, transcript_md5, transcript_url)} (the
     * ledger's upsert, {@link TranscriptFetchOutbox}): a call with a link and no transcript text gets its fetch.
     */
    static final String FETCH_DUE = """
            , transcript_fetch_due as (
                insert into transcript_fetch (org_id, call_id)
                select c.org_id, c.id from changed c
                where c.transcript_url is not null and c.transcript_md5 is null
                on conflict (org_id, call_id) do nothing)
            """;

    /** A leased fetch. */
    record Job(UUID orgId, long id, long callId, int attempts) {
    }

    private final JdbcClient jdbc;

    TranscriptFetches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Leases up to {@code limit} due fetches; a lease that ends with its node is taken again after it. */
    List<Job> claim(int limit, Duration lease) {
        return jdbc.sql("""
                with due as (
                    select org_id, id from transcript_fetch
                    where status in ('pending', 'fetching') and next_attempt_at <= now()
                    order by next_attempt_at
                    limit :limit
                    for update skip locked)
                update transcript_fetch f set status = 'fetching', attempts = f.attempts + 1,
                    next_attempt_at = now() + make_interval(secs => :lease)
                from due where f.org_id = due.org_id and f.id = due.id
                returning f.org_id, f.id, f.call_id, f.attempts
                """)
                .param("limit", limit).param("lease", lease.toSeconds())
                .query((rs, n) -> new Job(rs.getObject("org_id", UUID.class), rs.getLong("id"), rs.getLong("call_id"),
                        rs.getInt("attempts")))
                .list();
    }

    /** The transcript is the call's now (the caller's transaction). */
    void done(Job job, int chars) {
        jdbc.sql("""
                update transcript_fetch set status = 'done', last_status = 200, last_error = null,
                    fetched_chars = :chars, fetched_at = now()
                where org_id = :org and id = :id
                """)
                .param("org", job.orgId()).param("id", job.id()).param("chars", chars).update();
    }

    /** Another attempt after {@code delay}, unless this was the last: then dead. Returns whether it will retry. */
    boolean retryLater(Job job, Duration delay, int maxAttempts, int status, String reason) {
        if (job.attempts() >= maxAttempts) {
            dead(job, status, "gave up after " + job.attempts() + " attempts: " + reason);
            return false;
        }
        jdbc.sql("""
                update transcript_fetch set status = 'pending', last_status = :status, last_error = :reason,
                    next_attempt_at = now() + make_interval(secs => :delay)
                where org_id = :org and id = :id
                """)
                .param("org", job.orgId()).param("id", job.id()).param("status", status).param("reason", reason)
                .param("delay", delay.toMillis() / 1000.0).update();
        return true;
    }

    /** Nothing to fetch (the text came, or the hub does not fetch this provider's links): the note keeps the link. */
    void skipped(Job job, String reason) {
        settle(job, "skipped", null, reason);
    }

    void dead(Job job, Integer status, String reason) {
        settle(job, "dead", status, reason);
    }

    private void settle(Job job, String state, Integer status, String reason) {
        jdbc.sql("""
                update transcript_fetch set status = :state, last_status = :status, last_error = :reason
                where org_id = :org and id = :id
                """)
                .param("org", job.orgId()).param("id", job.id()).param("state", state).param("status", status)
                .param("reason", reason).update();
    }
}
