package com.callintel.hub.notices;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A 5xx answer is a bounce (never tried again); a 4xx answer or a broken connection is tried again later. */
class SmtpRefusalTest {

    @Test
    void aRecipientRefusedWith550IsABounce() throws Exception {
        var refused = new SMTPAddressFailedException(new InternetAddress("gone@agency.test"), "RCPT TO", 550,
                "550 5.1.1 no such user");
        var failure = new SendFailedException("Invalid Addresses", refused);

        assertThat(SmtpRefusal.isPermanent(new RuntimeException("camel", failure))).isTrue();
    }

    @Test
    void aMessageRefusedWith554IsABounce() {
        assertThat(SmtpRefusal.isPermanent(new SMTPSendFailedException("DATA", 554, "554 rejected", null, null, null,
                null))).isTrue();
    }

    @Test
    void aTemporaryRefusalOrABrokenConnectionIsTriedAgain() throws Exception {
        var busy = new SMTPAddressFailedException(new InternetAddress("full@agency.test"), "RCPT TO", 452,
                "452 mailbox full");

        assertThat(SmtpRefusal.isPermanent(new SendFailedException("Invalid Addresses", busy))).isFalse();
        assertThat(SmtpRefusal.isPermanent(new MessagingException("Could not connect to SMTP host"))).isFalse();
        assertThat(SmtpRefusal.isPermanent(null)).isFalse();
    }
}
