package com.callintel.hub.ams;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.callintel.hub.calls.NoteSource;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * What the hub asks of an AMS connector, the body a connector file receives (docs/connectors.md, "What the
 * connector receives"): built once by the sync ({@link AmsSync#prepare}) and by the live lookup ({@link AmsLookup}).
 * A connector keeps it as {@code ${variable.amsRequest}} and reads its operation, connection and caller there; jq
 * reads it as {@link #document()}, the JSON a REST AMS file's {@code noteBody} is written against.
 *
 * @param connection the organization's AMS, credentials opened: for the connector's Java beans, never logged
 * @param kind       {@code call} or {@code sms}
 * @param region     the organization's phone region (ISO 3166 code), for numbers an AMS gives back as typed
 * @param phone      the other party's number in E.164, or null when it was withheld
 * @param targetId   the AMS client the note goes to (null while unknown)
 * @param recordId   what {@code create} answered, for a follow-up
 * @param ref        what the note carries as its {@code CallIntel ref}, which a read-back looks for
 * @param writeStartedAt when the unrecorded earlier write began (a read-back looks from then on), else null
 */
public record AmsRequest(AmsOperation operation, AmsConnection connection, String kind, String region, String phone,
                         String targetId, String recordId, String description, String text, String idempotencyKey,
                         String ref, Instant writeStartedAt) {

    /** The clients whose phone is {@code e164}. */
    static AmsRequest lookup(AmsConnection ams, String e164, String region) {
        return new AmsRequest(AmsOperation.LOOKUP, ams, "call", region, e164, null, null, null, null, null, null, null);
    }

    /** Whether the record {@code targetId} an agent named shows {@code e164}. */
    static AmsRequest confirm(AmsConnection ams, String e164, String region, String targetId) {
        return new AmsRequest(AmsOperation.CONFIRM, ams, "call", region, e164, targetId, null, null, null, null, null,
                null);
    }

    /** The note of a sync: its first write, or a follow-up of the record the first one made. */
    static AmsRequest note(AmsConnection ams, SyncJob job, NoteSource source, NoteComposer.Note note) {
        return new AmsRequest(job.amsRecordId() == null ? AmsOperation.CREATE : AmsOperation.FOLLOW_UP, ams,
                source.kind(), source.region(), source.externalNumber(), job.targetId(), job.amsRecordId(),
                note.description(), note.text(), job.idempotencyKey(), job.noteRef(), job.writeStartedAt());
    }

    AmsRequest as(AmsOperation other) {
        return new AmsRequest(other, connection, kind, region, phone, targetId, recordId, description, text,
                idempotencyKey, ref, writeStartedAt);
    }

    /** The read-back that precedes this write. */
    AmsRequest asReadBack() {
        return as(operation.asReadBack());
    }

    /** The note goes to {@code client}, the one client a lookup found. */
    AmsRequest to(String client) {
        return new AmsRequest(operation, connection, kind, region, phone, client, recordId, description, text,
                idempotencyKey, ref, writeStartedAt);
    }

    /** The national significant number (10 digits for NANP), for AMSs that search by it; null without a phone. */
    public String phoneNational() {
        if (phone == null) {
            return null;
        }
        try {
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            return util.getNationalSignificantNumber(util.parse(phone, null));
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The phone URL-encoded ({@code %2B1…}) for a query parameter; empty without a phone. */
    public String phoneUrlEncoded() {
        return phone == null ? "" : URLEncoder.encode(phone, StandardCharsets.UTF_8);
    }

    /**
     * The request as the JSON document connectors' jq reads (docs/connectors.md): the request's fields, the phone's
     * national number, the connection's activity code and non-secret settings. No credential, no base URL.
     */
    public ObjectNode document() {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("kind", kind);
        document.put("region", region);
        document.put("phone", phone);
        document.put("phoneNational", phoneNational());
        document.put("targetId", targetId);
        document.put("recordId", recordId);
        document.put("description", description);
        document.put("text", text);
        document.put("activityCode", connection.activityCode());
        document.put("idempotencyKey", idempotencyKey);
        document.put("ref", ref);
        document.put("writeStartedAt", writeStartedAt == null ? null : writeStartedAt.toString());
        document.set("settings", connection.settings());
        return document;
    }

    /** Names the request, never its number, text or credentials (a body may be logged). */
    @Override
    public String toString() {
        return "AmsRequest[" + operation + " " + kind + ", " + connection + ", ref=" + ref + "]";
    }
}
