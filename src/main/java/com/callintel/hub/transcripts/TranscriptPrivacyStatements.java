package com.callintel.hub.transcripts;

/**
 * The transcript fetches as the organization's data export shows them (privacy's export runs it; the text is the
 * table's owner's): what became of each link, never a token. The fetched text is the call's transcript, exported
 * with the call; a fetch is deleted with its call (on delete cascade).
 */
public final class TranscriptPrivacyStatements {

    public static final String EXPORT_FETCHES = """
            select id, call_id, status, attempts, last_status, last_error, fetched_chars, created_at, fetched_at
            from transcript_fetch where org_id = :org order by id""";

    private TranscriptPrivacyStatements() {
    }
}
