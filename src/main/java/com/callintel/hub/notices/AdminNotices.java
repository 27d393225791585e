package com.callintel.hub.notices;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.callintel.hub.access.AdminAddresses;
import com.callintel.hub.tenancy.TenantRepository;
import org.springframework.stereotype.Component;

/**
 * Mail to an organization's admins through the notices' durable outbox, one delivery per address: every admin who
 * signed in with a verified address, and the organization's alert address (Settings) when it is set and none of
 * them already. Without either, one {@code no-address} row records that nobody could be mailed
 * (docs/operations.md, "Who is mailed").
 */
@Component
public class AdminNotices {

    private final AdminAddresses admins;
    private final TenantRepository tenants;
    private final NoticeMailOutbox outbox;

    AdminNotices(AdminAddresses admins, TenantRepository tenants, NoticeMailOutbox outbox) {
        this.admins = admins;
        this.tenants = tenants;
        this.outbox = outbox;
    }

    /** Queues a mail to the organization's admins in the caller's transaction (billing's past-due mail). */
    public void queue(UUID orgId, String subject, String body) {
        queue(new NoticeMail(orgId, null, null, subject, body));
    }

    void queue(NoticeMail mail) {
        outbox.queue(mail, recipients(mail.orgId()));
    }

    private List<String> recipients(UUID orgId) {
        return view(orgId).recipients().stream().map(NoticeRecipientsView.Recipient::address).toList();
    }

    /** The admins' addresses, then the alert address unless one of them already (addresses compared ignoring case). */
    NoticeRecipientsView view(UUID orgId) {
        List<NoticeRecipientsView.Recipient> recipients = new ArrayList<>();
        admins.of(orgId).forEach(admin -> recipients.add(new NoticeRecipientsView.Recipient(admin.address(), "admin", admin.id())));
        List<String> known = recipients.stream().map(r -> r.address().toLowerCase(Locale.ROOT)).toList();
        tenants.alertEmail(orgId).filter(alert -> !known.contains(alert.toLowerCase(Locale.ROOT)))
                .ifPresent(alert -> recipients.add(new NoticeRecipientsView.Recipient(alert, "alert-address", null)));
        return new NoticeRecipientsView(recipients);
    }

    /** Takes an admin's address off the organization's notices until they sign in again; false when there is no such admin. */
    boolean removeAdmin(UUID orgId, String id) {
        return admins.remove(orgId, id);
    }
}
