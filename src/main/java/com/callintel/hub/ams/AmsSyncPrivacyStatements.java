package com.callintel.hub.ams;

/**
 * The ams_sync statements of the privacy promise, run by privacy's purges (keyset batches: CTEs {@code batch} and
 * {@code done}, see PrivacyPurge) and its export: the text is the table's owner's.
 */
public final class AmsSyncPrivacyStatements {

    /** Forgets the candidates and the last error of syncs that are done: names of clients and the AMS's words. */
    public static final String CLEAR_SYNCED_DETAILS = """
            with batch as (
                select org_id, id from ams_sync
                where status = 'synced' and (candidates is not null or last_error is not null)
                    and (org_id, id) > (:afterOrg, :afterId)
                order by org_id, id limit :batch for update skip locked),
            done as (
                update ams_sync a set candidates = null, last_error = null
                from batch where a.org_id = batch.org_id and a.id = batch.id returning 1)
            """;

    /** Deletes syncs older than the hard maximum ({@code :cutoff}), whatever their state. */
    public static final String DELETE_EXPIRED = """
            with batch as (
                select org_id, id from ams_sync where created_at < :cutoff and (org_id, id) > (:afterOrg, :afterId)
                order by org_id, id limit :batch for update skip locked),
            done as (
                delete from ams_sync t using batch where t.org_id = batch.org_id and t.id = batch.id returning 1)
            """;

    /** The organization's syncs, as its data export shows them. */
    public static final String EXPORT = """
            select id, source_kind, source_id, status, target_id, ams_record_id, attempts, last_error, synced_at,
                created_at
            from ams_sync where org_id = :org order by id""";

    private AmsSyncPrivacyStatements() {
    }
}
