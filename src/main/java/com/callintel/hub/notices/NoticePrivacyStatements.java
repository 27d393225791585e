package com.callintel.hub.notices;

/**
 * The notices' statements of the privacy promise, run by privacy's export: the text is the tables' owner's. The
 * notices are account data (kept until the organization is deleted, which removes them by cascade).
 */
public final class NoticePrivacyStatements {

    /**
     * Every notice mailed (or due) to the organization's admins, one row per address, with how its delivery went:
     * breaches (incident_id), policies (policy_id) and other features' (both null: billing's past-due mail).
     */
    public static final String EXPORT_MAILS = """
            select id, incident_id, policy_id, recipient, subject, body, status, attempts, queued_at, last_attempt_at,
                sent_at, last_error
            from notice_mail where org_id = :org order by id""";

    private NoticePrivacyStatements() {
    }
}
