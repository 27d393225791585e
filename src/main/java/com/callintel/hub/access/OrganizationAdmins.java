package com.callintel.hub.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.stereotype.Repository;

/**
 * Each organization's admins and the verified address their ID token named at their last browser sign-in: the one
 * owner of table {@code organization_admin}. A member who signs in as an agent, or without a verified address, is
 * no longer on the list; an admin who never signs in again stays until another admin removes them (Settings, "Who
 * receives notices") or the organization is deleted.
 */
@Repository
class OrganizationAdmins implements AdminAddresses {

    /** RFC 5321's limit of a forward path. */
    private static final int MAX_ADDRESS = 254;

    private final JdbcClient jdbc;
    private final Clock clock;

    OrganizationAdmins(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records what a sign-in says of its member: an admin's address kept (or updated), anyone else removed. */
    void signedIn(HubUser user, OidcIdToken idToken) {
        String email = user.isAdmin() ? verifiedAddress(idToken) : null;
        if (email == null) {
            jdbc.sql("delete from organization_admin where org_id = :org and subject = :subject")
                    .param("org", user.orgId()).param("subject", user.userId()).update();
            return;
        }
        jdbc.sql("""
                insert into organization_admin (org_id, subject, email, last_signed_in_at)
                select :org, :subject, :email, :at where exists (select 1 from organization where id = :org)
                on conflict (org_id, subject) do update set email = excluded.email,
                    last_signed_in_at = excluded.last_signed_in_at
                """)
                .param("org", user.orgId()).param("subject", user.userId()).param("email", email)
                .param("at", Timestamp.from(clock.instant())).update();
    }

    @Override
    public List<AdminAddress> of(UUID orgId) {
        return jdbc.sql("""
                select distinct on (lower(email)) subject, email from organization_admin where org_id = :org
                order by lower(email), email, subject
                """)
                .param("org", orgId).query((row, n) -> new AdminAddress(row.getString("subject"), row.getString("email")))
                .list();
    }

    @Override
    public boolean remove(UUID orgId, String id) {
        return jdbc.sql("""
                delete from organization_admin where org_id = :org and lower(email) in
                    (select lower(email) from organization_admin where org_id = :org and subject = :subject)
                """)
                .param("org", orgId).param("subject", id).update() > 0;
    }

    /**
     * The ID token's e-mail address unless the identity provider says it is unverified (a provider that sends no
     * {@code email_verified} vouches for its addresses), and only if it is one plain address that can be mailed.
     */
    private static String verifiedAddress(OidcIdToken idToken) {
        String email = idToken.getEmail();
        if (email == null || Boolean.FALSE.equals(idToken.getEmailVerified()) || email.length() > MAX_ADDRESS) {
            return null;
        }
        try {
            InternetAddress address = new InternetAddress(email, true);
            address.validate();
            return address.getPersonal() == null && address.getAddress().equals(email.strip()) ? address.getAddress() : null;
        } catch (AddressException e) {
            return null;
        }
    }
}
