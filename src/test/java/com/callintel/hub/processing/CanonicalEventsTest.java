package com.callintel.hub.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.callintel.hub.calls.CallEvent;
import com.callintel.hub.calls.CallOutcome;
import com.callintel.hub.calls.CallState;
import com.callintel.hub.calls.SmsEvent;
import com.callintel.hub.tenancy.Organization;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The contract between a connector's draft and the canonical model; each test varies one field of a valid draft. */
class CanonicalEventsTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Organization US_AGENCY =
            new Organization(UUID.fromString("00000000-0000-0000-0000-0000000000a1"), "Bell Insurance", "US", "America/Chicago");
    private static final Organization GB_AGENCY =
            new Organization(UUID.fromString("00000000-0000-0000-0000-0000000000b2"), "Thames Cover", "GB", "Europe/London");

    private final CanonicalEvents canonical = new CanonicalEvents();

    @Test
    void epochMillisecondsBecomeInstants() {
        CallEvent call = onlyCall(inboundCall().put("startedAt", 1772463845000L).put("endedAt", 1772464175120L));

        assertThat(call.startedAt()).isEqualTo(Instant.parse("2026-03-02T15:04:05Z"));
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T15:09:35.120Z"));
    }

    @Test
    void isoStringsWithZoneOrOffsetBecomeInstants() {
        CallEvent call = onlyCall(inboundCall()
                .put("startedAt", "2026-03-02T15:04:05Z")
                .put("answeredAt", "2026-03-02T10:04:12-05:00")
                .put("endedAt", "2026-03-02T15:09:42.000Z"));

        assertThat(call.startedAt()).isEqualTo(Instant.parse("2026-03-02T15:04:05Z"));
        assertThat(call.answeredAt()).isEqualTo(Instant.parse("2026-03-02T15:04:12Z"));
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-03-02T15:09:42Z"));
    }

    @Test
    void isoTimeWithoutZoneIsRefusedRatherThanGuessed() {
        ObjectNode draft = inboundCall().put("startedAt", "2026-03-02T15:04:05");

        assertThatThrownBy(() -> canonical.fromDraft(draft, US_AGENCY, "zoom"))
                .isInstanceOf(NormalizationException.class)
                .hasMessageContaining("startedAt");
    }

    @Test
    void usNationalNumbersAreReadInTheAgencysRegion() {
        assertThat(onlyCall(inboundCall().put("from", "(555) 555-0123")).fromNumber()).isEqualTo("+15555550123");
        assertThat(onlyCall(inboundCall().put("from", "15555550123")).fromNumber()).isEqualTo("+15555550123");
    }

    @Test
    void britishAgencyReadsNationalNumbersAsBritish() {
        CallEvent call = onlyCall(inboundCall().put("from", "020 7946 0018").put("to", "020 7946 0100"), GB_AGENCY);

        assertThat(call.fromNumber()).isEqualTo("+442079460018");
        assertThat(call.toNumber()).isEqualTo("+442079460100");
    }

    @Test
    void threeDigitExtensionIsNoPhoneNumber() {
        CallEvent call = onlyCall(outboundCall().put("from", "101"));

        assertThat(call.fromNumber()).isNull();
        assertThat(call.externalNumber()).isEqualTo("+15555550123");
    }

    @Test
    void externalNumberIsTheCallerOfAnInboundCall() {
        CallEvent call = onlyCall(inboundCall());

        assertThat(call.externalNumber()).isEqualTo(call.fromNumber()).isEqualTo("+15555550123");
    }

    @Test
    void externalNumberIsTheCalleeOfAnOutboundCall() {
        CallEvent call = onlyCall(outboundCall());

        assertThat(call.externalNumber()).isEqualTo(call.toNumber()).isEqualTo("+15555550123");
    }

    @Test
    void directionIsReadWhateverItsCase() {
        assertThat(onlyCall(inboundCall().put("direction", "INBOUND")).direction()).isEqualTo("inbound");
    }

    @Test
    void directionOtherThanInboundOrOutboundIsRefused() {
        ObjectNode draft = inboundCall().put("direction", "internal");

        assertThatThrownBy(() -> canonical.fromDraft(draft, US_AGENCY, "zoom"))
                .isInstanceOf(NormalizationException.class)
                .hasMessageContaining("direction").hasMessageContaining("internal");
    }

    @Test
    void knownStateAndOutcomeAreReadWhateverTheirCase() {
        CallEvent call = onlyCall(inboundCall().put("state", "ended").put("outcome", "VOICEMAIL"));

        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(call.outcome()).isEqualTo(CallOutcome.VOICEMAIL);
    }

    @Test
    void unknownStateIsRefusedNamingTheField() {
        ObjectNode draft = inboundCall().put("state", "on-hold");

        assertThatThrownBy(() -> canonical.fromDraft(draft, US_AGENCY, "zoom"))
                .isInstanceOf(NormalizationException.class)
                .hasMessageStartingWith("field state").hasMessageContaining("on-hold");
    }

    @Test
    void unknownOutcomeIsRefusedNamingTheField() {
        ObjectNode draft = inboundCall().put("state", "ended").put("outcome", "dropped");

        assertThatThrownBy(() -> canonical.fromDraft(draft, US_AGENCY, "zoom"))
                .isInstanceOf(NormalizationException.class)
                .hasMessageStartingWith("field outcome").hasMessageContaining("dropped");
    }

    @Test
    void arrayOfDraftsGivesOneEventEach() {
        ArrayNode drafts = JSON.arrayNode()
                .add(inboundCall().put("callId", "call-1"))
                .add(outboundCall().put("callId", "call-2"))
                .add(inboundSms());

        NormalizedEvents events = canonical.fromDraft(drafts, US_AGENCY, "zoom");

        assertThat(events.calls()).extracting(CallEvent::providerCallId).containsExactly("call-1", "call-2");
        assertThat(events.messages()).extracting(SmsEvent::providerMessageId).containsExactly("sms-1");
        assertThat(events.ignored()).isFalse();
    }

    @Test
    void ignoredDraftKeepsItsReason() {
        ObjectNode draft = JSON.objectNode().put("type", "ignore")
                .put("reason", "Zoom event phone.blf carries nothing the hub records");

        NormalizedEvents events = canonical.fromDraft(draft, US_AGENCY, "zoom");

        assertThat(events.ignored()).isTrue();
        assertThat(events.ignoredReason()).isEqualTo("Zoom event phone.blf carries nothing the hub records");
    }

    @Test
    void callDraftWithoutCallIdIsRefused() {
        ObjectNode draft = inboundCall();
        draft.remove("callId");

        assertThatThrownBy(() -> canonical.fromDraft(draft, US_AGENCY, "zoom"))
                .isInstanceOf(NormalizationException.class)
                .hasMessageContaining("callId");
    }

    @Test
    void durationGivenAsTextIsAccepted() {
        assertThat(onlyCall(inboundCall().put("durationSeconds", "330")).durationSeconds()).isEqualTo(330);
        assertThat(onlyCall(inboundCall().put("durationSeconds", 330)).durationSeconds()).isEqualTo(330);
    }

    @Test
    void negativeDurationIsRefused() {
        for (ObjectNode draft : List.of(inboundCall().put("durationSeconds", -5), inboundCall().put("durationSeconds", "-5"))) {
            assertThatThrownBy(() -> canonical.fromDraft(draft, US_AGENCY, "zoom"))
                    .isInstanceOf(NormalizationException.class)
                    .hasMessageContaining("durationSeconds");
        }
    }

    @Test
    void eventBelongsToTheAgencyAndProviderItCameFrom() {
        CallEvent call = onlyCall(inboundCall());

        assertThat(call.orgId()).isEqualTo(US_AGENCY.id());
        assertThat(call.provider()).isEqualTo("zoom");
    }

    private CallEvent onlyCall(ObjectNode draft) {
        return onlyCall(draft, US_AGENCY);
    }

    private CallEvent onlyCall(ObjectNode draft, Organization org) {
        NormalizedEvents events = canonical.fromDraft(draft, org, "zoom");
        assertThat(events.calls()).hasSize(1);
        return events.calls().get(0);
    }

    /** A customer calling the agency: the external number is the caller. */
    private static ObjectNode inboundCall() {
        return JSON.objectNode().put("type", "call").put("callId", "call-1").put("direction", "inbound")
                .put("from", "+15555550123").put("to", "+15555550100").put("state", "ringing");
    }

    /** An agent calling a customer: the external number is the callee. */
    private static ObjectNode outboundCall() {
        return JSON.objectNode().put("type", "call").put("callId", "call-2").put("direction", "outbound")
                .put("from", "+15555550100").put("to", "+15555550123").put("state", "ringing");
    }

    private static ObjectNode inboundSms() {
        return JSON.objectNode().put("type", "sms").put("messageId", "sms-1").put("direction", "inbound")
                .put("from", "+15555550123").put("to", "+15555550100").put("text", "Can you call me back?")
                .put("sentAt", "2026-03-02T18:15:30Z");
    }
}
