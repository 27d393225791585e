package com.callintel.hub.ams;

import java.util.concurrent.TimeUnit;

import com.callintel.hub.support.AdvisedRouteTest;
import org.apache.camel.Message;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert of a dead-lettered sync (route ams-alert), reached by its id with the SMTP endpoint swapped for a mock:
 * only a dead sync of an organization with an alert address is mailed, and the mail carries the sync and the reason
 * but none of the exchange's headers or personal data.
 */
class AmsAlertRouteTest extends AdvisedRouteTest {

    private static final String NOTE_TEXT = "Inbound call from Marcus Bell +1 555-555-0123";

    @BeforeEach
    void alertMailToAMock() throws Exception {
        advise("ams-alert", route -> route.weaveById("ams-alert-send").replace().to("mock:alert-mail"));
    }

    @Test
    void deadSyncIsMailedToTheAlertAddressWithItsReasonAndNoPersonalData() throws Exception {
        TestTenant tenant = newTenant();
        String alertAddress = withAlertAddress(tenant);
        MockEndpoint mail = mock("mock:alert-mail");
        mail.expectedMessageCount(1);

        alert(new SyncJob(tenant.orgId(), 4711, "call", 815, 1, 0, null, null, 3), "HTTP 400 from the AMS");

        mail.assertIsSatisfied();
        Message sent = mail.getReceivedExchanges().get(0).getIn();
        assertThat(sent.getHeaders()).as("only the mail's own headers reach SMTP")
                .containsOnlyKeys("To", "Subject", "Content-Type")
                .containsEntry("To", alertAddress)
                .containsEntry("Subject", "CallIntel: a call note could not be written to your AMS");
        assertThat(sent.getBody(String.class)).contains("call #815", "after 3 attempt(s)", "Reason: HTTP 400 from the AMS",
                "POST /api/admin/ams-syncs/4711/retry").doesNotContain("Marcus").doesNotContain("555");
    }

    @Test
    void syncThatWillBeRetriedIsNotMailed() throws Exception {
        TestTenant tenant = newTenant();
        withAlertAddress(tenant);

        alert(new SyncJob(tenant.orgId(), 4712, "call", 816, 1, 0, null, null, 1), null);

        assertThat(mock("mock:alert-mail").getReceivedCounter()).isZero();
    }

    @Test
    void organizationWithoutAnAlertAddressGetsNoMail() throws Exception {
        TestTenant tenant = newTenant();

        alert(new SyncJob(tenant.orgId(), 4713, "sms", 817, 1, 0, null, null, 5), "HTTP 400 from the AMS");

        assertThat(mock("mock:alert-mail").getReceivedCounter()).isZero();
    }

    private String withAlertAddress(TestTenant tenant) {
        String address = "alerts-" + tenant.orgId() + "@agency.test";
        assertThat(call("PUT", "/api/admin/organization", adminToken(tenant), "{\"alertEmail\":\"" + address + "\"}")
                .statusCode()).isEqualTo(200);
        return address;
    }

    /** Hands the sync to the alert route as the sync's error handler does (dead: with a reason), and waits it out. */
    private void alert(SyncJob job, String deadReason) {
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute("ams-alert").whenDone(1).create();
        producer.send("seda:ams-alert", exchange -> {
            exchange.setProperty(AmsSync.JOB, job);
            exchange.setProperty(AmsSync.DEAD_REASON, deadReason);
            exchange.getIn().setHeader("CallIntelLeftByTheSync", "create");   // a header the sync's exchange may still carry
            exchange.getIn().setBody(NOTE_TEXT);
        });
        assertThat(done.matches(10, TimeUnit.SECONDS)).as("the alert route finished").isTrue();
    }
}
