package com.callintel.hub.notices;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import static org.awaitility.Awaitility.await;

/** What the test mailbox received, by recipient and subject, as the notice tests read it. */
final class Mails {

    private Mails() {
    }

    /** The mails to {@code recipient} whose subject contains {@code subjectPart}. */
    static List<MimeMessage> to(GreenMail mailbox, String recipient, String subjectPart) {
        return Arrays.stream(mailbox.getReceivedMessages()).filter(m -> subject(m).contains(subjectPart)
                && recipients(m).contains(recipient)).toList();
    }

    /** Waits for exactly one such mail and answers its text. */
    static String awaitOne(GreenMail mailbox, String recipient, String subjectPart) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !to(mailbox, recipient, subjectPart).isEmpty());
        List<MimeMessage> found = to(mailbox, recipient, subjectPart);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " mails to " + recipient + " about '" + subjectPart + "', expected one");
        }
        try {
            return found.get(0).getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject() == null ? "" : mail.getSubject();
        } catch (MessagingException e) {
            return "";
        }
    }

    private static List<String> recipients(MimeMessage mail) {
        try {
            Address[] all = mail.getAllRecipients();
            return all == null ? List.of() : Arrays.stream(all).map(Address::toString).toList();
        } catch (MessagingException e) {
            return List.of();
        }
    }
}
