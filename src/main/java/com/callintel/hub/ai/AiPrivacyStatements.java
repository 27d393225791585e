package com.callintel.hub.ai;

/**
 * The AI analysis statements of the privacy promise, run by privacy's purge after sync (keyset batches: CTEs
 * {@code batch} and {@code done}, see PrivacyPurge) and its export: the text is the tables' owner's. The hard
 * maximum needs none: an analysis is deleted with its call (on delete cascade).
 */
public final class AiPrivacyStatements {

    /**
     * The purge step for analyses (the privacy purge's keyset form: CTEs {@code batch} and {@code done}): the texts
     * of an analysis (summary, actions) go with its call's — once the call is purged, so are they. Intent and
     * sentiment stay: they describe no one.
     */
    public static final String PURGE_WITH_CALL = """
            with batch as (
                select a.org_id, a.id from call_analysis a
                join call c on c.org_id = a.org_id and c.id = a.call_id
                where a.purged_at is null and c.purged_at is not null and (a.org_id, a.id) > (:afterOrg, :afterId)
                order by a.org_id, a.id limit :batch for update of a skip locked),
            done as (
                update call_analysis a set summary = null, actions = null, purged_at = :now
                from batch where a.org_id = batch.org_id and a.id = batch.id returning 1)
            """;

    /** The organization's AI switch, as its data export shows it: whether a key is set, never the key. */
    public static final String EXPORT_SETTING = """
            select enabled, api_key_sealed is not null as api_key_set, key_refused_at, updated_at
            from ai_setting where org_id = :org""";

    /** The organization's analyses (their texts until purged). */
    public static final String EXPORT_ANALYSES = """
            select id, call_id, status, attempts, last_error, summary, intent, sentiment, actions::text as actions,
                analysed_chars, transcript_chars, model, input_tokens, output_tokens, created_at, analysed_at, purged_at
            from call_analysis where org_id = :org order by id""";

    /** The tokens the organization spent per day. */
    public static final String EXPORT_TOKEN_USE = """
            select day, tokens, budget_alerted_at from ai_token_use where org_id = :org order by day""";

    private AiPrivacyStatements() {
    }
}
