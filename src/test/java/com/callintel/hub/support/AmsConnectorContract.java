package com.callintel.hub.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.callintel.hub.sandbox.ams.AmsSandboxData;
import com.callintel.hub.sandbox.ams.AmsSimulator;
import com.callintel.hub.sandbox.ams.CreatedRecord;
import com.callintel.hub.sandbox.ams.ReceivedRequest;
import com.callintel.hub.sandbox.ams.SimulatedClient;
import com.callintel.hub.support.HubIntegrationTest.TestTenant;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The promises every AMS connector with a phone search keeps, run against its sandbox simulator through the real
 * hub: an ended call is one note on the caller's record, later content one follow-up, several or no matches write
 * nothing, an expired token is renewed once, a refused write is dead-lettered and mailed, a throttled write waits
 * for its Retry-After. A test class of a new AMS extends {@link HubIntegrationTest}, implements this interface's
 * hooks (its simulator, how an admin connects it, how its requests read) plus a static
 * {@code Stream<Arguments> numbersAsAgenciesTypedThem()} (caller in E.164, sandbox client id, how the agency typed
 * the number: the rows of the typed-number scenario) and gets the whole matrix; what only that AMS does stays in its
 * class. It lives in this package because its scenarios drive the hub through HubIntegrationTest's protected helpers.
 */
public interface AmsConnectorContract {

    Duration SETTLE = Duration.ofSeconds(30);
    /** Marcus Bell, the caller of the demo webhooks (+1 555-555-0123), in the sandbox agency's book. */
    String MARCUS_BELL = "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7101";
    String SAM_OKAFOR = "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7104";
    String GRACE_OKAFOR = "1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7105";

    /** The sandbox simulator of this AMS, as the hub under test reaches it. */
    AmsSimulator ams();

    /** Connects the tenant's organization to {@link #ams()} with its usual settings, as an admin would. */
    void connect(TestTenant tenant);

    /** Connects the organization with settings this AMS refuses when the hub writes the note. */
    void connectSoTheAmsRefusesTheWrite(TestTenant tenant);

    /** Checks the reason a refused write left on its sync (the {@code last_error} an admin sees). */
    void assertRefusalReason(String lastError);

    /** How this AMS names a client of the sandbox book (its id in the AMS's own form). */
    String amsIdOf(SimulatedClient client);

    /** The phone number this AMS is asked for when {@code caller} (E.164) rings. */
    String lookupNumberFor(String caller);

    /** The phone number a lookup request asked for. */
    String lookupNumberIn(ReceivedRequest lookup);

    boolean isLookup(ReceivedRequest request);

    /** A request that creates a record (activity or note) in the AMS. */
    boolean isWrite(ReceivedRequest request);

    /** A request for a fresh token or session ticket. */
    boolean isTokenRequest(ReceivedRequest request);

    @BeforeEach
    default void simulatorAsNew() {
        ams().faults().clear();
        ams().comeUp();
        ams().clearRecords();
    }

    @AfterEach
    default void healthySimulatorForTheNextTest() {
        ams().faults().clear();
        ams().comeUp();
    }

    @Test
    default void endedCallIsOneNoteOnTheCallersRecord() {
        TestTenant tenant = hub().newTenant();
        connect(tenant);
        for (String f : new String[] {"inbound-ringing.json", "inbound-answered.json", "inbound-completed.json"}) {
            hub().send(tenant, "zoom", "zoom", f);
        }
        hub().awaitProcessed(tenant);
        hub().awaitSyncsSettled(tenant, SETTLE);

        assertThat(hub().syncs(tenant)).singleElement().satisfies(sync -> {
            assertThat(sync.get("status")).isEqualTo("synced");
            assertThat(sync.get("target_id")).isEqualTo(amsIdOf(client(MARCUS_BELL)));
            assertThat(sync.get("synced_at")).isNotNull();
        });
        assertThat(notes()).singleElement().satisfies(note -> {
            assertThat(note.clientId()).isEqualTo(MARCUS_BELL);
            assertThat(note.text())
                    .contains("Inbound call from Marcus Bell +1 555-555-0123")
                    .contains("Agent: Dana Whitfield")
                    .contains("Mon 2 Mar 2026 09:04 CST")
                    .contains("Duration: 5m 30s")
                    .contains("Outcome: answered");
        });
        assertThat(ams().created()).as("the note, and at most one activity it belongs to").hasSizeBetween(1, 2)
                .allSatisfy(r -> assertThat(r.clientId()).isEqualTo(MARCUS_BELL));
        // one lookup for the screen pop while the call rang, one for the note
        await().atMost(SETTLE).until(() -> lookups().size() == 2);
        assertThat(lookups()).allSatisfy(lookup ->
                assertThat(lookupNumberIn(lookup)).isEqualTo(lookupNumberFor("+15555550123")));
        assertThat(ams().received()).as("no hub or Camel header travels to the AMS").allSatisfy(r -> assertThat(
                r.headers().keySet()).noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("callintel")
                        || name.toLowerCase(Locale.ROOT).startsWith("camel")));
    }

    @Test
    default void contentArrivingLaterIsOneFollowUpNoteNeverASecondRecord() {
        TestTenant tenant = hub().newTenant();
        connect(tenant);
        hub().send(tenant, "dialpad", "dialpad", "inbound-completed.json");
        hub().awaitProcessed(tenant);
        hub().awaitSyncsSettled(tenant, SETTLE);
        int recordsOfTheCall = ams().created().size();
        Object firstRecord = hub().syncs(tenant).get(0).get("ams_record_id");
        hub().send(tenant, "dialpad", "dialpad", "recap-summary.json");
        hub().awaitProcessed(tenant);
        hub().awaitSyncsSettled(tenant, SETTLE);

        List<CreatedRecord> notes = notes();
        assertThat(notes).hasSize(2).allSatisfy(n -> assertThat(n.clientId()).isEqualTo(MARCUS_BELL));
        assertThat(notes.get(0).text()).doesNotStartWith("Update: ").doesNotContain("17-year-old son");
        assertThat(notes.get(1).text()).startsWith("Update: ").contains("17-year-old son");
        assertThat(notes.get(1).parentId()).as("on the same record as the first note").isEqualTo(notes.get(0).parentId());
        assertThat(ams().created()).as("the follow-up adds one note, nothing else").hasSize(recordsOfTheCall + 1);
        assertThat(lookups()).as("the follow-up goes to the known record, no new lookup").hasSize(1);
        assertThat(hub().syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("synced");
            assertThat(s.get("ams_record_id")).as("the record stays the first one written").isEqualTo(firstRecord);
        });
    }

    @ParameterizedTest(name = "{0} typed by the agency as {2}")
    @MethodSource("numbersAsAgenciesTypedThem")   // a static method of the implementing class
    default void callerIsFoundWhateverFormatTheAgencyTypedTheNumberIn(String caller, String clientId, String typed) {
        TestTenant tenant = hub().newTenant();
        connect(tenant);
        hub().sendZoomCallFrom(tenant, caller, "call-" + caller);
        hub().awaitSyncsSettled(tenant, SETTLE);

        assertThat(hub().syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).as(typed).isEqualTo("synced");
            assertThat(s.get("target_id")).isEqualTo(amsIdOf(client(clientId)));
        });
        assertThat(notes()).singleElement().satisfies(n -> assertThat(n.clientId()).isEqualTo(clientId));
        assertThat(lookups()).singleElement().satisfies(lookup ->
                assertThat(lookupNumberIn(lookup)).isEqualTo(lookupNumberFor(caller)));
    }

    @Test
    default void severalRecordsWithTheNumberWaitForAChoiceAndNothingIsWritten() {
        TestTenant tenant = hub().newTenant();
        connect(tenant);
        hub().sendZoomCallFrom(tenant, AmsSandboxData.SHARED_HOUSEHOLD_NUMBER, "household-call");
        hub().awaitSyncsSettled(tenant, SETTLE);

        assertThat(hub().syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("needs_choice");
            assertThat((String) s.get("candidates")).contains("\"Sam Okafor\"", "\"Grace Okafor\"",
                    amsIdOf(client(SAM_OKAFOR)), amsIdOf(client(GRACE_OKAFOR)));
        });
        assertThat(ams().created()).isEmpty();
        assertThat(ams().received()).noneMatch(this::isWrite);
    }

    @Test
    default void unknownNumberIsUnmatchedAndNothingIsWritten() {
        TestTenant tenant = hub().newTenant();
        connect(tenant);
        hub().sendZoomCallFrom(tenant, "+15555550999", "stranger-call");
        hub().awaitSyncsSettled(tenant, SETTLE);

        assertThat(hub().syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("unmatched"));
        assertThat(lookups()).singleElement().satisfies(lookup ->
                assertThat(lookupNumberIn(lookup)).isEqualTo(lookupNumberFor("+15555550999")));
        assertThat(ams().created()).isEmpty();
    }

    @Test
    default void expiredTokenIsRenewedOnceAndTheNoteStillLandsOnce() {
        TestTenant tenant = hub().newTenant();
        connect(tenant);
        hub().sendZoomCallFrom(tenant, "+15555550123", "first-call");
        hub().awaitSyncsSettled(tenant, SETTLE);
        int recordsOfACall = ams().created().size();
        ams().expireAllTokens();
        hub().sendZoomCallFrom(tenant, "+15555550123", "second-call");
        hub().awaitSyncsSettled(tenant, SETTLE);

        assertThat(hub().syncs(tenant)).hasSize(2).allSatisfy(s -> assertThat(s.get("status")).isEqualTo("synced"));
        assertThat(notes()).hasSize(2);
        assertThat(ams().created()).as("each call written once").hasSize(2 * recordsOfACall);
        assertThat(ams().received().stream().filter(this::isTokenRequest))
                .as("one fresh token after the old one was refused").hasSize(2);
        assertThat(lookups()).as("the refused lookup was made again, once").hasSize(3);
    }

    @Test
    default void writeTheAmsRefusesIsDeadLetteredNotRetriedAndTheAdminsAreMailed() {
        TestTenant tenant = hub().newTenant();
        String alertAddress = "alerts-" + tenant.orgId() + "@agency.test";
        assertThat(hub().call("PUT", "/api/admin/organization", hub().adminToken(tenant),
                "{\"alertEmail\":\"" + alertAddress + "\"}").statusCode()).isEqualTo(200);
        connectSoTheAmsRefusesTheWrite(tenant);
        hub().sendZoomCallFrom(tenant, "+15555550123", "refused-call");
        hub().awaitSyncsSettled(tenant, SETTLE);

        assertThat(hub().syncs(tenant)).singleElement().satisfies(s -> {
            assertThat(s.get("status")).isEqualTo("dead");
            assertRefusalReason((String) s.get("last_error"));
        });
        assertThat(ams().received().stream().filter(this::isWrite)).as("a refusal is not retried").hasSize(1);
        assertThat(ams().created()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(alertAddress).size() == 1);
        MimeMessage mail = mailsTo(alertAddress).get(0);
        assertThat(subject(mail)).contains("could not be written to your AMS");
        assertThat(GreenMailUtil.getBody(mail)).contains("/api/admin/ams-syncs/")
                .as("no personal data in the mail").doesNotContain("555").doesNotContain("Marcus");
    }

    /** The follow-up's note meets the 429: the hub's own retry is tested, not an HTTP client's repeat of a GET. */
    @Test
    default void throttledWriteIsRetriedAfterItsRetryAfterAndLandsOnce() {
        TestTenant tenant = hub().newTenant();
        connect(tenant);
        hub().send(tenant, "dialpad", "dialpad", "inbound-completed.json");
        hub().awaitProcessed(tenant);
        hub().awaitSyncsSettled(tenant, SETTLE);
        int sentForTheCall = ams().received().size();
        ams().faults().throttleNext(1, Duration.ofSeconds(90));
        hub().send(tenant, "dialpad", "dialpad", "recap-summary.json");
        hub().awaitProcessed(tenant);
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).until(() -> hub().syncs(tenant).stream()
                .anyMatch(s -> String.valueOf(s.get("last_error")).contains("HTTP 429")));

        Double wait = hub().jdbc.sql("select extract(epoch from next_attempt_at - updated_at) from ams_sync where org_id = :org")
                .param("org", tenant.orgId()).query(Double.class).single();
        assertThat(wait).as("seconds until the retry: the AMS's Retry-After, not the 5 s backoff").isBetween(85.0, 91.0);
        // the clock is ours to move: make the retry due now rather than waiting 90 s
        hub().jdbc.sql("update ams_sync set next_attempt_at = now() where org_id = :org").param("org", tenant.orgId()).update();
        hub().awaitSyncsSettled(tenant, SETTLE);

        List<ReceivedRequest> sent = ams().received();
        List<ReceivedRequest> sentForTheFollowUp = sent.subList(sentForTheCall, sent.size());
        assertThat(sentForTheFollowUp.stream().filter(this::isWrite)).as("the throttled note was sent again").hasSize(2);
        assertThat(notes()).hasSize(2).last().satisfies(n -> assertThat(n.text()).startsWith("Update: "));
        assertThat(hub().syncs(tenant)).singleElement().satisfies(s -> assertThat(s.get("status")).isEqualTo("synced"));
    }

    private HubIntegrationTest hub() {
        if (this instanceof HubIntegrationTest hub) {
            return hub;
        }
        throw new IllegalStateException(getClass().getSimpleName() + " must extend HubIntegrationTest: the contract runs the real hub");
    }

    private SimulatedClient client(String sandboxId) {
        return ams().data().byId(sandboxId).orElseThrow();
    }

    private List<CreatedRecord> notes() {
        return ams().created().stream().filter(r -> r.kind() == CreatedRecord.Kind.NOTE).toList();
    }

    private List<ReceivedRequest> lookups() {
        return ams().received().stream().filter(this::isLookup).toList();
    }

    private List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(hub().mailbox.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
