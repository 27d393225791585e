package com.callintel.hub.calls;

/**
 * The call and SMS statements of the privacy promise, run by privacy's purges (keyset batches: CTEs {@code batch}
 * and {@code done}, see PrivacyPurge) and its export: the text is the call table's owner's, so a change of the
 * table changes them here.
 */
public final class CallPrivacyStatements {

    /** Masks the people and purges the texts of calls whose note reached the AMS. */
    public static final String MASK_SYNCED_CALLS = """
            with batch as (
                select c.org_id, c.id from call c
                join ams_sync s on s.org_id = c.org_id and s.source_kind = 'call' and s.source_id = c.id
                where c.purged_at is null and (c.org_id, c.id) > (:afterOrg, :afterId)
                    and s.status = 'synced' and s.synced_at <= :now
                order by c.org_id, c.id limit :batch for update of c skip locked),
            done as (
                update call c set from_number = null, to_number = null, external_number = null,
                    external_name = null, agent_name = null, agent_email = null, recording_url = null,
                    transcript_url = null, transcript = null, summary = null, purged_at = :now
                from batch where c.org_id = batch.org_id and c.id = batch.id returning 1)
            """;

    /** Masks the people and purges the text of SMS whose note reached the AMS. */
    public static final String MASK_SYNCED_MESSAGES = """
            with batch as (
                select m.org_id, m.id from sms_message m
                join ams_sync s on s.org_id = m.org_id and s.source_kind = 'sms' and s.source_id = m.id
                where m.purged_at is null and (m.org_id, m.id) > (:afterOrg, :afterId)
                    and s.status = 'synced' and s.synced_at <= :now
                order by m.org_id, m.id limit :batch for update of m skip locked),
            done as (
                update sms_message m set from_number = null, to_number = null, external_number = null,
                    external_name = null, agent_name = null, body = null, purged_at = :now
                from batch where m.org_id = batch.org_id and m.id = batch.id returning 1)
            """;

    /** Deletes calls older than the hard maximum ({@code :cutoff}), whatever their state. */
    public static final String DELETE_EXPIRED_CALLS = """
            with batch as (
                select org_id, id from call where created_at < :cutoff and (org_id, id) > (:afterOrg, :afterId)
                order by org_id, id limit :batch for update skip locked),
            done as (
                delete from call t using batch where t.org_id = batch.org_id and t.id = batch.id returning 1)
            """;

    /** Deletes SMS older than the hard maximum ({@code :cutoff}), whatever their state. */
    public static final String DELETE_EXPIRED_MESSAGES = """
            with batch as (
                select org_id, id from sms_message where created_at < :cutoff and (org_id, id) > (:afterOrg, :afterId)
                order by org_id, id limit :batch for update skip locked),
            done as (
                delete from sms_message t using batch where t.org_id = batch.org_id and t.id = batch.id returning 1)
            """;

    /** The organization's calls, as its data export shows them. */
    public static final String EXPORT_CALLS = """
            select id, provider, provider_call_id, direction, from_number, to_number, external_number, external_name,
                agent_id, agent_name, agent_email, agent_extension, state, outcome, started_at, answered_at, ended_at,
                duration_seconds, recording_url, transcript_url, transcript, summary, purged_at, created_at
            from call where org_id = :org order by id""";

    /** The organization's SMS, as its data export shows them. */
    public static final String EXPORT_MESSAGES = """
            select id, provider, provider_message_id, direction, from_number, to_number, external_number,
                external_name, agent_id, agent_name, body, sent_at, purged_at, created_at
            from sms_message where org_id = :org order by id""";

    private CallPrivacyStatements() {
    }
}
