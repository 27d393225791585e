package com.callintel.hub.access;

/**
 * Access's statements of the privacy promise, run by privacy's export: the text is the table's owner's. The list
 * of admins is account data (kept until the organization is deleted, which removes it by cascade).
 */
public final class AccessPrivacyStatements {

    /** The organization's admins as they last signed in, with the address the notices are mailed to. */
    public static final String EXPORT_ADMINS = """
            select subject, email, last_signed_in_at from organization_admin where org_id = :org
            order by lower(email), subject""";

    private AccessPrivacyStatements() {
    }
}
