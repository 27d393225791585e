package com.callintel.hub.ams;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.callintel.hub.ams.Ams360Answer.Fault;
import com.callintel.hub.ams.Ams360Envelopes.Operation;
import com.callintel.hub.tenancy.Organization;
import com.callintel.hub.tenancy.TenantRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/**
 * The AMS360 WSAPI v3 calls of the ams360 connector (connectors/ams/ams360.kamelet.yaml): the connector file maps
 * the hub's request onto data-contract members, this class adds what AMS360 needs besides (ticket, dates in the
 * agency's time zone, generated-id placeholders, length caps), sends it, and logs in again once when the ticket
 * is refused.
 */
@Component("ams360Wsapi")
public class Ams360Wsapi {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_OWED_NOTES = 10_000;

    private final Ams360Soap soap;
    private final Ams360Tickets tickets;
    private final TenantRepository tenants;
    private final Clock clock;
    private final Ams360EntityTypes entityTypes;
    private final AmsNoteLimits noteLimits;
    // AMS360 has no idempotency key: an activity whose note failed is remembered, so the retry adds only the note
    // (in this node's memory: a retry after a restart, or on another node, still writes a second activity)
    private final Map<String, String> owedNotes = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_OWED_NOTES;
        }
    });

    Ams360Wsapi(Ams360Soap soap, Ams360Tickets tickets, TenantRepository tenants, Clock clock,
                AmsNoteLimits noteLimits, Ams360EntityTypes entityTypes) {
        this.soap = soap;
        this.entityTypes = entityTypes;
        this.tickets = tickets;
        this.tenants = tenants;
        this.clock = clock;
        this.noteLimits = noteLimits;
    }

    /**
     * The WSAPI v3 endpoint of the connection, whichever form the agency was given its base URL in: the host root
     * ({@code https://wsapi.ams360.com}), the {@code /v3} root integrators hand out, or the {@code .svc} endpoint
     * itself. Only the part of {@code servicePath} the base URL does not already end with is appended, so
     * {@code …/v3} never becomes {@code …/v3/v3/WSAPIService.svc}. The egress policy checks the result on each call.
     */
    public String endpoint(AmsConnection ams, String servicePath) {
        return Ams360Endpoint.of(ams.baseUrl(), servicePath);
    }

    /**
     * SearchByPhoneNumber with {@code {PhoneNumber}}: each entity found whose EntityType is one of
     * {@code acceptedTypes} (comma-separated, or the connection's customerEntityTypes setting), once, as its
     * SearchResultInfo members, in AMS360's order. Other types are left out and each is logged once, so an operator
     * sees a value AMS360 uses that the configuration does not name yet. No PhoneNumber (a withheld or non-NANP
     * number) searches nothing: AMS360 would fault on it.
     */
    public ArrayNode searchByPhoneNumber(AmsConnection ams, String endpoint, JsonNode request, String acceptedTypes) {
        Map<String, String> search = members(request);
        ArrayNode results = JSON.arrayNode();
        String phone = search.get("PhoneNumber");
        if (phone == null || phone.isBlank()) {
            return results;
        }
        Set<String> accepted = entityTypes.accepted(ams.setting("customerEntityTypes", acceptedTypes));
        Set<String> seen = new HashSet<>();
        Ams360Answer answer = call(ams, endpoint, Operation.SEARCH_BY_PHONE_NUMBER, search);
        for (Map<String, String> info : answer.items("SearchResultInfo")) {
            if (!entityTypes.isAccepted(info.get("EntityType"), accepted, ams)) {
                continue;
            }
            // a customer whose two phone fields both match must stay one candidate, not become "several matches"
            if (seen.add(String.valueOf(info.get("EntityId")))) {
                ObjectNode result = results.addObject();
                info.forEach(result::put);
            }
        }
        return results;
    }

    /**
     * CustomerActivityInsert, then CustomerNoteInsert on the same customer, from {@code {CustomerActivity: {…},
     * CustomerNote: {…}, idempotencyKey}}: answers {@code {"id": "<ActivityId>|<NoteId>"}}.
     */
    public ObjectNode insertActivityWithNote(AmsConnection ams, String endpoint, JsonNode request) {
        LocalDateTime now = agencyNow(ams);
        Map<String, String> activity = members(request.path("CustomerActivity"));
        activity.putIfAbsent("ActivityDate", midnightOf(now));
        activity.putIfAbsent("ActivityTime", Duration.ofMinutes(now.getHour() * 60L + now.getMinute()).toString());
        activity.putIfAbsent("ActivityId", Ams360Envelopes.NO_GUID);
        // public clients send a blank EmployeeCode as an empty element, never as i:nil (A1, A4)
        activity.compute("EmployeeCode", (name, code) -> code == null || code.isBlank() ? "" : code.trim());
        activity.computeIfPresent("Description", (name, text) -> NoteComposer.cut(text,
                limit(ams, "maxDescriptionLength", 250)));
        String idempotencyKey = request.path("idempotencyKey").asText("");
        String owedKey = idempotencyKey.isBlank() ? null
                : ams.orgId() + " " + idempotencyKey + " " + activity.get("CustomerId");

        String activityId = owedKey == null ? null : owedNotes.get(owedKey);
        if (activityId == null) {
            Ams360Answer answer = call(ams, endpoint, Operation.CUSTOMER_ACTIVITY_INSERT, activity);
            activityId = required(answer, "ActivityId", Operation.CUSTOMER_ACTIVITY_INSERT);
            if (owedKey != null) {
                owedNotes.put(owedKey, activityId);
            }
        }
        String noteId = noteInserted(ams, endpoint, members(request.path("CustomerNote")), now);
        if (owedKey != null) {
            owedNotes.remove(owedKey);
        }
        return JSON.objectNode().put("id", activityId + "|" + noteId);
    }

    /** CustomerNoteInsert from {@code {CustomerNote: {…}}}: answers {@code {"id": "<NoteId>"}}. */
    public ObjectNode insertNote(AmsConnection ams, String endpoint, JsonNode request) {
        String noteId = noteInserted(ams, endpoint, members(request.path("CustomerNote")), agencyNow(ams));
        return JSON.objectNode().put("id", noteId);
    }

    private String noteInserted(AmsConnection ams, String endpoint, Map<String, String> note, LocalDateTime now) {
        note.putIfAbsent("NoteDate", midnightOf(now));
        note.putIfAbsent("NoteId", Ams360Envelopes.NO_GUID);
        note.putIfAbsent("Priority", "N");
        note.putIfAbsent("Attachment", "false");
        note.putIfAbsent("IsSticky", "false");
        note.putIfAbsent("IsNoteTruncated", "false");
        note.computeIfPresent("NoteText", (name, text) -> NoteComposer.cut(text, limit(ams, "maxNoteLength", noteLimits.of(ams.type()))));
        return required(call(ams, endpoint, Operation.CUSTOMER_NOTE_INSERT, note), "NoteId", Operation.CUSTOMER_NOTE_INSERT);
    }

    /** One call with the organization's ticket; a refused ticket means one new Login and one resend, no more. */
    private Ams360Answer call(AmsConnection ams, String endpoint, Operation operation, Map<String, String> members) {
        String ticket = tickets.ticket(ams, endpoint);
        Ams360Answer answer = soap.post(endpoint, operation, Ams360Envelopes.request(operation, ticket, members));
        if (answer.fault().filter(Fault::security).isPresent()) {
            tickets.refused(ams.orgId(), ticket);
            String renewed = tickets.ticket(ams, endpoint);
            answer = soap.post(endpoint, operation, Ams360Envelopes.request(operation, renewed, members));
        }
        answer.fault().ifPresent(fault -> {
            throw fault.toException(operation.wsapiName);
        });
        return answer;
    }

    private static String required(Ams360Answer answer, String member, Operation operation) {
        String value = answer.member(member);
        if (value == null || value.isBlank() || value.equals(Ams360Envelopes.NO_GUID)) {
            throw new AmsUnavailableException("AMS360 answered " + operation.wsapiName + " without " + member);
        }
        return value;
    }

    /** The data-contract members the connector file wrote, by name; JSON null stays null (sent as i:nil). */
    private static Map<String, String> members(JsonNode contract) {
        Map<String, String> members = new HashMap<>();
        contract.properties().forEach(field -> members.put(field.getKey(),
                field.getValue().isNull() ? null : field.getValue().isValueNode() ? field.getValue().asText()
                        : field.getValue().toString()));
        return members;
    }

    /** Now on the agency's wall clock (its organization's time zone; UTC when unknown): AMS360 dates carry no zone. */
    private LocalDateTime agencyNow(AmsConnection ams) {
        ZoneId zone;
        try {
            zone = tenants.findOrganization(ams.orgId()).map(Organization::timeZone).map(ZoneId::of).orElse(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            zone = ZoneOffset.UTC;
        }
        return LocalDateTime.now(clock.withZone(zone));
    }

    /** An xsd:dateTime at midnight, the form AMS360 uses for date-only members. */
    private static String midnightOf(LocalDateTime time) {
        return time.toLocalDate() + "T00:00:00";
    }

    private static int limit(AmsConnection ams, String setting, int fallback) {
        try {
            return Integer.parseInt(ams.setting(setting, Integer.toString(fallback)).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
