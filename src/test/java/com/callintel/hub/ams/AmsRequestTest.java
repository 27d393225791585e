package com.callintel.hub.ams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.callintel.hub.calls.NoteSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The request every AMS connector receives: its JSON document is the one docs/connectors.md publishes (REST AMS
 * files' jq is written against it) and never carries a credential or the base URL.
 */
class AmsRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PUBLISHED = List.of("kind", "region", "phone", "phoneNational", "targetId",
            "recordId", "description", "text", "activityCode", "idempotencyKey", "ref", "writeStartedAt", "settings");

    private final AmsConnection ams = new AmsConnection(UUID.fromString("0a1b2c3d-0000-4000-8000-000000000001"),
            "generic-rest", "https://ams.example.com/api", json("{\"clientId\":\"hub\",\"clientSecret\":\"s3cret\"}"),
            "CALL", json("{\"region\":\"US\"}"), Instant.parse("2026-12-01T00:00:00Z"));

    @Test
    void noteRequestDocumentHasExactlyThePublishedFieldsAndNoCredential() {
        SyncJob job = new SyncJob(ams.orgId(), 7, "call", 17, 2, 1, "CLIENT-1", "N-1", 1,
                Instant.parse("2026-12-06T01:00:00Z"));
        AmsRequest request = AmsRequest.note(ams, job, source("+15555550123"),
                new NoteComposer.Note("Inbound call", "Call note"));

        JsonNode document = request.document();

        List<String> fields = new ArrayList<>();
        document.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyElementsOf(PUBLISHED);
        assertThat(request.operation()).as("a job with a record follows it up").isEqualTo(AmsOperation.FOLLOW_UP);
        assertThat(document.path("phoneNational").asText()).isEqualTo("5555550123");
        assertThat(document.path("ref").asText()).isEqualTo("callintel-0a1b2c3d-call-17/v2");
        assertThat(document.path("writeStartedAt").asText()).isEqualTo("2026-12-06T01:00:00Z");
        assertThat(document.path("activityCode").asText()).isEqualTo("CALL");
        assertThat(document.toString()).doesNotContain("s3cret").doesNotContain("ams.example.com");
    }

    @Test
    void lookupCarriesTheCallerEncodedForAQueryAndNamesNoNumberWhenLogged() {
        AmsRequest lookup = AmsRequest.lookup(ams, "+15555550123", "US");

        assertThat(lookup.operation()).hasToString("lookup");
        assertThat(lookup.phoneUrlEncoded()).isEqualTo("%2B15555550123");
        assertThat(lookup.toString()).doesNotContain("555").doesNotContain("s3cret");
        assertThat(AmsRequest.lookup(ams, null, "US").phoneUrlEncoded()).as("a withheld number").isEmpty();
        assertThat(AmsRequest.lookup(ams, null, "US").phoneNational()).isNull();
    }

    @Test
    void onlyAWriteIsReadBack() {
        SyncJob first = new SyncJob(ams.orgId(), 8, "sms", 18, 1, 0, "CLIENT-1", null, 1);
        AmsRequest create = AmsRequest.note(ams, first, source("+15555550123"), new NoteComposer.Note("SMS", "Text"));

        assertThat(create.operation()).isEqualTo(AmsOperation.CREATE);
        assertThat(create.asReadBack().operation()).hasToString("read-back-create");
        assertThat(create.asReadBack().operation().isReadBack()).isTrue();
        assertThat(create.operation().isReadBack()).isFalse();
        assertThatThrownBy(() -> AmsRequest.lookup(ams, "+15555550123", "US").asReadBack())
                .isInstanceOf(IllegalStateException.class);
    }

    private static NoteSource source(String number) {
        return new NoteSource("call", "zoom", "inbound", number, "+15555550100", number, "Marcus Bell", "Ana",
                "answered", Instant.parse("2026-12-06T00:59:00Z"), 60, null, null, null, null, null, "UTC", "US");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
