package com.callintel.hub.billing;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.callintel.hub.sandbox.SampleSender;
import com.callintel.hub.sandbox.SampleSender.SignedRequest;
import com.callintel.hub.sandbox.StripeEvents;
import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Billing from Stripe's webhooks, end to end over HTTP: Stripe's signature scheme (valid, forged, stale, a rolled
 * secret), events stored once and processed by their own timestamps whatever the delivery order, and what each
 * billing state does to the service (past due: served through the grace period, then like canceled).
 */
class StripeBillingTest extends HubIntegrationTest {

    /** The endpoint secrets of hub-test.properties: the current one and one being rolled. */
    static final String CURRENT = "whsec_test_current_8c3e5a";
    static final String ROLLED = "whsec_test_rolled_1f9d27";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    BillingApiRoutes billingApi;
    @Autowired
    BillingEvents billingEvents;

    @Test
    void aSignedEventIsStoredOnceAndItsDuplicateAcknowledgedWithoutReprocessing() throws Exception {
        Billed billed = billed();
        byte[] checkout = bytes(event("checkout-session-completed", billed, clock.instant()));
        JsonNode unbilled = billing(billed);
        assertThat(unbilled.path("state").asText()).as("never billed through Stripe").isEqualTo("none");
        assertThat(unbilled.path("served").asBoolean()).isTrue();

        HttpResponse<String> first = deliver(SampleSender.signStripe(checkout, CURRENT, clock.instant()));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("outcome").asText()).isEqualTo("stored");
        awaitState(billed, "active");
        Instant processedAt = jdbc.sql("select processed_at from billing_event where org_id = :org")
                .param("org", billed.orgId()).query(Instant.class).single();

        HttpResponse<String> again = deliver(SampleSender.signStripe(checkout, CURRENT, clock.instant()));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("outcome").asText()).isEqualTo("duplicate");
        assertThat(jdbc.sql("select count(*), max(processed_at) from billing_event where org_id = :org")
                .param("org", billed.orgId()).query((rs, n) -> rs.getLong(1) + " " + rs.getTimestamp(2).toInstant()).single())
                .isEqualTo("1 " + processedAt);
        assertThat(history(billed)).containsExactly("active");
    }

    @Test
    void aForgedSignatureIsRefusedWithAProblemAndNothingIsStored() {
        Billed billed = billed();
        ObjectNode event = event("checkout-session-completed", billed, clock.instant());
        byte[] body = bytes(event);
        Instant now = clock.instant();

        SignedRequest otherSecret = SampleSender.signStripe(body, "whsec_not_this_hubs_secret", now);
        SignedRequest tampered = new SignedRequest(new String(body, StandardCharsets.UTF_8)
                .replace(billed.orgId().toString(), UUID.randomUUID().toString()).getBytes(StandardCharsets.UTF_8),
                SampleSender.signStripe(body, CURRENT, now).headers());
        SignedRequest unsigned = new SignedRequest(body, java.util.Map.of("Content-Type", "application/json"));
        SignedRequest garbled = new SignedRequest(body, java.util.Map.of("Stripe-Signature", "t=yesterday,v1=zz"));

        for (SignedRequest forged : List.of(otherSecret, tampered, unsigned, garbled)) {
            HttpResponse<String> answer = deliver(forged);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.body()).contains("invalid-signature");
        }
        assertThat(stored(event.path("id").asText())).isZero();
    }

    @Test
    void aVerifiedBodyThatIsNoEventAndAnythingButAPostAreRefusedNeverAnswered500() {
        for (String body : List.of("not json at all", "[1, 2]", "{\"id\": \"evt_T1\", \"created\": 1}",
                "{\"id\": \"evt_T2\", \"type\": \"invoice.paid\"}")) {
            HttpResponse<String> answer = deliver(SampleSender.signStripe(body.getBytes(StandardCharsets.UTF_8), CURRENT,
                    clock.instant()));
            assertThat(answer.statusCode()).as(body + " -> " + answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("invalid-event");
        }
        assertThat(get("/webhooks/stripe").statusCode()).isBetween(400, 499);
        assertThat(stored("evt_T1") + stored("evt_T2")).isZero();
    }

    @Test
    void aStaleSignatureIsRefusedAsAReplay() {
        Billed billed = billed();
        ObjectNode event = event("checkout-session-completed", billed, clock.instant());
        byte[] body = bytes(event);

        HttpResponse<String> replayed = deliver(SampleSender.signStripe(body, CURRENT, clock.instant().minusSeconds(301)));
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(400);
        assertThat(replayed.body()).contains("stale-signature");
        assertThat(stored(event.path("id").asText())).isZero();

        HttpResponse<String> late = deliver(SampleSender.signStripe(body, CURRENT, clock.instant().minusSeconds(290)));
        assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
        assertThat(stored(event.path("id").asText())).isOne();
    }

    @Test
    void eitherSecretOfARotationAndAnyOfTheHeadersSignaturesIsAccepted() {
        Billed billed = billed();
        Instant now = clock.instant();
        ObjectNode byRolled = event("checkout-session-completed", billed, now);
        ObjectNode twoSignatures = event("customer-subscription-created", billed, now.plusSeconds(1));
        ObjectNode neither = event("invoice-paid", billed, now.plusSeconds(2));

        assertThat(deliver(SampleSender.signStripe(bytes(byRolled), ROLLED, now)).statusCode()).isEqualTo(200);
        // Stripe signs with the old and the new secret while one is rolled: the header carries two v1
        assertThat(deliver(SampleSender.signStripe(bytes(twoSignatures), "whsec_retired_secret", now, CURRENT)).statusCode())
                .isEqualTo(200);
        HttpResponse<String> refused = deliver(SampleSender.signStripe(bytes(neither), "whsec_retired_secret", now,
                "whsec_other_retired_secret"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(stored(byRolled.path("id").asText())).isOne();
        assertThat(stored(twoSignatures.path("id").asText())).isOne();
        assertThat(stored(neither.path("id").asText())).isZero();
    }

    @Test
    void outOfOrderEventsNeverLetAnOlderSnapshotOverwriteANewerState() {
        Billed billed = billed();
        Instant t = clock.instant().minusSeconds(120);
        ObjectNode pastDue = subscription("customer-subscription-updated", billed, t.plusSeconds(20), "past_due");

        // the subscription's events outrun its checkout: they wait for the organization it names
        sendAndAwait(pastDue, "waiting");
        sendAndAwait(subscription("customer-subscription-created", billed, t.plusSeconds(10), "trialing"), "waiting");
        send(event("checkout-session-completed", billed, t.plusSeconds(5)));
        awaitState(billed, "past_due");

        assertThat(sendAndAwait(event("invoice-paid", billed, t.plusSeconds(15)), "processed")).isEqualTo("stale");
        sendAndAwait(event("customer-subscription-deleted", billed, t.plusSeconds(40)), "processed");
        assertThat(sendAndAwait(subscription("customer-subscription-updated", billed, t.plusSeconds(30), "active"), "processed"))
                .isEqualTo("stale");
        assertThat(sendAndAwait(subscription("customer-subscription-updated", billed, t.plusSeconds(40), "active"), "processed"))
                .as("the same second as the cancellation").isEqualTo("stale");

        assertThat(state(billed)).isEqualTo("canceled");
        assertThat(history(billed)).containsExactly("active", "trialing", "past_due", "canceled");
    }

    @Test
    void pastDueIsServedThroughTheGracePeriodThenLikeCanceledAndCanceledIsNotServed() throws Exception {
        Billed billed = billed();
        TestTenant marker = newTenant();   // a paying agency beside it: what it gets shows the hub did its work
        String alerts = "billing-" + billed.orgId() + "@agency.test";
        String admin = signInAdmin(billed.tenant(), "pat");
        String markerAdmin = signInAdmin(marker, "lee");
        assertThat(call("PUT", "/api/admin/organization", adminToken(billed.tenant()), "{\"alertEmail\":\"" + alerts + "\"}")
                .statusCode()).isEqualTo(200);
        connectAppliedEpic(billed.tenant(), epic, null);
        connectAppliedEpic(marker, epic, null);
        send(event("checkout-session-completed", billed, clock.instant().minusSeconds(60)));
        send(subscription("customer-subscription-created", billed, clock.instant().minusSeconds(50), "active"));
        awaitState(billed, "active");

        send(event("invoice-payment-failed", billed, clock.instant()));
        awaitState(billed, "past_due");
        await().atMost(WAIT).until(() -> mailsTo(alerts).size() == 1 && mailsTo(admin).size() == 1);
        assertThat(mailsTo(alerts).get(0).getSubject()).contains("payment failed");
        assertThat(mailsTo(admin).get(0).getSubject()).as("each admin gets their own").contains("payment failed");
        assertThat(mailsTo(markerAdmin)).as("an organization in good standing").isEmpty();
        JsonNode billing = billing(billed);
        assertThat(billing.path("state").asText()).isEqualTo("past_due");
        assertThat(billing.path("served").asBoolean()).isTrue();
        assertThat(billing.path("notice").asText()).contains("keeps serving you until");
        assertThat(call("GET", "/api/admin/billing", agentToken(billed.tenant()), null).statusCode()).isEqualTo(403);

        // within the grace period: served as before
        ring(billed.tenant(), "grace-ring-" + billed.orgId());
        await().atMost(WAIT).until(() -> pops(billed.tenant()) == 1);
        completeCall(billed.tenant(), "grace-call-" + billed.orgId());
        awaitSyncsSettled(billed.tenant(), WAIT);
        assertThat(syncs(billed.tenant())).extracting(s -> s.get("status")).containsExactly("synced");
        // a second failed attempt of the same episode mails nobody again
        sendAndAwait(subscription("customer-subscription-updated", billed, clock.instant().plusSeconds(1), "past_due"), "processed");

        clock.advance(Duration.ofDays(8));
        // (the development identity provider's tokens are dated by the moved clock too: the view is asked directly)
        BillingView afterGrace = billingApi.view(billed.orgId());
        assertThat(afterGrace.served()).isFalse();
        assertThat(afterGrace.notice()).contains("unpaid past its grace period");
        assertNotServed(billed, marker, "after-grace");

        send(event("customer-subscription-deleted", billed, clock.instant()));
        awaitState(billed, "canceled");
        assertNotServed(billed, marker, "canceled");
        clock.reset();
        JsonNode canceled = billing(billed);
        assertThat(canceled.path("served").asBoolean()).isFalse();
        assertThat(canceled.path("notice").asText()).contains("canceled");
        assertThat(mailsTo(alerts)).hasSize(1);
        assertThat(mailsTo(admin)).hasSize(1);
        assertThat(history(billed)).containsExactly("active", "past_due", "canceled");
    }

    @Test
    void processedEventsAreDeletedAfterTheRetentionAndTheStateStays() {
        Billed billed = billed();
        ObjectNode checkout = event("checkout-session-completed", billed, clock.instant());
        sendAndAwait(checkout, "processed");

        clock.advance(Duration.ofDays(29));
        billingEvents.purgeExpired();
        assertThat(stored(checkout.path("id").asText())).as("within the retention").isOne();

        clock.advance(Duration.ofDays(2));
        billingEvents.purgeExpired();
        assertThat(stored(checkout.path("id").asText())).isZero();
        assertThat(state(billed)).isEqualTo("active");
        assertThat(history(billed)).containsExactly("active");
    }

    /**
     * The organization's webhooks are acknowledged and its calls recorded, but no note is written and no pop made,
     * while the agency beside it, served, gets both from the same hub in the same time.
     */
    private void assertNotServed(Billed billed, TestTenant marker, String label) {
        long pops = pops(billed.tenant());
        long synced = syncs(billed.tenant()).size();
        ring(billed.tenant(), label + "-ring-" + billed.orgId());
        completeCall(billed.tenant(), label + "-call-" + billed.orgId());
        ring(marker, label + "-ring-" + marker.orgId());
        completeCall(marker, label + "-call-" + marker.orgId());

        await().atMost(WAIT).until(() -> pops(marker) > 0 && syncs(marker).stream().anyMatch(s -> "synced".equals(s.get("status"))));
        awaitSyncsSettled(marker, WAIT);
        assertThat(pops(billed.tenant())).isEqualTo(pops);
        assertThat(syncs(billed.tenant())).hasSize((int) synced + 1);
        assertThat(syncs(billed.tenant()).get((int) synced).get("status")).isEqualTo("pending");
    }

    // --- Stripe events -------------------------------------------------------------------------------------------

    /** An organization about to pay through Stripe: its customer and subscription ids. */
    record Billed(TestTenant tenant, String customer, String subscription) {
        UUID orgId() {
            return tenant.orgId();
        }
    }

    private Billed billed() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        return new Billed(newTenant(), "cus_T" + suffix, "sub_T" + suffix);
    }

    /** A fixture made this organization's, with a fresh event id, created at {@code created}. */
    private ObjectNode event(String fixture, Billed billed, Instant created) {
        ObjectNode event = StripeEvents.fixture(fixture);
        event.put("id", "evt_T" + UUID.randomUUID().toString().replace("-", ""));
        event.put("created", created.getEpochSecond());
        ObjectNode object = (ObjectNode) event.path("data").path("object");
        object.put("customer", billed.customer());
        switch (event.path("type").asText()) {
            case "checkout.session.completed" -> {
                object.put("client_reference_id", billed.orgId().toString());
                object.put("subscription", billed.subscription());
                object.put("created", created.getEpochSecond() - 60);
            }
            case "invoice.paid", "invoice.payment_failed" ->
                    ((ObjectNode) object.path("parent").path("subscription_details")).put("subscription", billed.subscription());
            default -> object.put("id", billed.subscription());
        }
        return event;
    }

    private ObjectNode subscription(String fixture, Billed billed, Instant created, String status) {
        ObjectNode event = event(fixture, billed, created);
        ((ObjectNode) event.path("data").path("object")).put("status", status);
        return event;
    }

    private static byte[] bytes(ObjectNode event) {
        return StripeEvents.bytes(event);
    }

    private HttpResponse<String> deliver(SignedRequest signed) {
        return post("/webhooks/stripe", signed.body(), signed.headers());
    }

    private void send(ObjectNode event) {
        HttpResponse<String> answer = deliver(SampleSender.signStripe(bytes(event), CURRENT, clock.instant()));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    /** Sends the event, waits until processing left it in {@code status}, and returns its outcome. */
    private String sendAndAwait(ObjectNode event, String status) {
        send(event);
        String id = event.path("id").asText();
        await().atMost(WAIT).until(() -> status.equals(jdbc.sql("select status from billing_event where event_id = :id")
                .param("id", id).query(String.class).single()));
        return jdbc.sql("select outcome from billing_event where event_id = :id").param("id", id).query(String.class).single();
    }

    private long stored(String eventId) {
        return jdbc.sql("select count(*) from billing_event where event_id = :id").param("id", eventId).query(Long.class).single();
    }

    private String state(Billed billed) {
        return jdbc.sql("select state from billing_account where org_id = :org").param("org", billed.orgId())
                .query(String.class).optional().orElse(null);
    }

    private void awaitState(Billed billed, String state) {
        await().atMost(WAIT).until(() -> state.equals(state(billed)));
    }

    private List<String> history(Billed billed) {
        return jdbc.sql("select to_state from billing_state_change where org_id = :org order by effective_at, id")
                .param("org", billed.orgId()).query(String.class).list();
    }

    private JsonNode billing(Billed billed) throws Exception {
        HttpResponse<String> answer = call("GET", "/api/admin/billing", adminToken(billed.tenant()), null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    // --- calls, dated by the hub's clock (it is moved past the grace period) --------------------------------------

    private void ring(TestTenant tenant, String callId) {
        zoom(tenant, "inbound-ringing.json", callId);
    }

    private void completeCall(TestTenant tenant, String callId) {
        zoom(tenant, "inbound-completed.json", callId);
    }

    private void zoom(TestTenant tenant, String fixture, String callId) {
        String body = new String(fixture("zoom", fixture), StandardCharsets.UTF_8).replace("7412000000000000001", callId);
        SignedRequest signed = SampleSender.sign("zoom", body.getBytes(StandardCharsets.UTF_8), secret("zoom"), clock.instant());
        HttpResponse<String> answer = post("/webhooks/zoom/" + tenant.endpointKey("zoom"), signed.body(), signed.headers());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        awaitProcessed(tenant);
    }

    private long pops(TestTenant tenant) {
        return jdbc.sql("select count(*) from screen_pop where org_id = :org").param("org", tenant.orgId())
                .query(Long.class).single();
    }

    private List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(mailbox.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }
}
