package com.callintel.hub.notices;

import java.util.HashSet;
import java.util.Set;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Tells a bounce from a hiccup: an SMTP reply code 5xx anywhere in the failure (the recipient, the sender or the
 * message refused) is permanent, and trying again would only be refused again; anything else may pass later.
 */
final class SmtpRefusal {

    private SmtpRefusal() {
    }

    static boolean isPermanent(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        Throwable current = failure;
        while (current != null && seen.add(current)) {
            if (replyCode(current) >= 500) {
                return true;
            }
            if (current instanceof MessagingException messaging && messaging.getNextException() != null
                    && isPermanent(messaging.getNextException())) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    private static int replyCode(Throwable failure) {
        if (failure instanceof SMTPAddressFailedException address) {
            return address.getReturnCode();
        }
        if (failure instanceof SMTPSenderFailedException sender) {
            return sender.getReturnCode();
        }
        if (failure instanceof SMTPSendFailedException send) {
            return send.getReturnCode();
        }
        return 0;
    }
}
