package com.callintel.hub.sandbox.ams;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.callintel.hub.sandbox.ams.CreatedRecord.Kind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sandbox REST AMS behind the generic REST AMS connector (AMS type generic-rest): it implements exactly the
 * contract declared here (and in docs/ams-simulators.md), no vendor's. It once stood for EZLynx, whose real contract
 * differs in every element; EZLynx has its own connector and {@link EzLynxSimulator}.
 * <pre>
 * POST /oauth/token                         form grant_type=client_credentials, client_id, client_secret (or Basic)
 *   200 {"access_token","token_type":"Bearer","expires_in"}   401 {"error":"invalid_client"}
 *   400 {"error":"invalid_request"|"unsupported_grant_type"}
 * GET  /v1/applicants/search?phone=P        Authorization: Bearer; P in any format with 10 national digits
 *   200 {"TotalCount":n,"Applicants":[{"ApplicantId","FirstName","LastName","BusinessName","DisplayName",
 *        "Email","Phones":[{"Type":"Home|Work|Mobile|Fax|Other","Number":"as typed by the agency"}]}]}
 *   matching on the last 10 digits of P against each stored number without extension; at most 50 applicants
 * POST /v1/applicants/{ApplicantId}/notes   Bearer; JSON {"Subject"?, "Body", "Category"?}
 *   201 {"NoteId","ApplicantId","CreatedDateUtc"} + Location          404 unknown applicant
 * errors: {"Status","Error","Message","Errors":[{"Field","Message"}]}; 401 + WWW-Authenticate: Bearer
 *   error="invalid_token" (unknown or expired token); 429 + Retry-After; 5xx; no idempotency key
 * </pre>
 */
public final class GenericRestAmsSimulator extends AmsSimulator {

    public static final String TOKEN_PATH = "/oauth/token";
    public static final String SEARCH_PATH = "/v1/applicants/search";
    private static final Pattern NOTES_PATH = Pattern.compile("/v1/applicants/([^/]+)/notes");
    private static final int MAX_RESULTS = 50;
    private static final Map<PhoneKind, String> PHONE_TYPES = Map.of(PhoneKind.HOME, "Home", PhoneKind.WORK, "Work",
            PhoneKind.MOBILE, "Mobile", PhoneKind.FAX, "Fax", PhoneKind.OTHER, "Other");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClientCredentialsGrant grant;
    private final int maxNoteLength;
    private final ObjectMapper json = new ObjectMapper();

    private GenericRestAmsSimulator(Builder b) {
        super("generic-rest", b.port, b.data, b.tokenLifetime, b.clock);
        this.grant = new ClientCredentialsGrant(b.clientId, b.clientSecret, Set.of(), null, 401, tokens(),
                (client, scopes, issued, expires) -> randomToken());
        this.maxNoteLength = b.maxNoteLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The ApplicantId this contract gives a client: its customer number as 18 digits, as EZLynx ids look. */
    public static String applicantId(SimulatedClient client) {
        return String.format("%018d", client.customerNumber());
    }

    @Override
    SimulatorResponse respond(IncomingRequest request) {
        String path = request.path();
        if (path.equals(TOKEN_PATH)) {
            return grant.answer(request, clock().instant());
        }
        if (tokens().valid(request.bearerToken()).isEmpty()) {
            return error(401, "Unauthorized", "Invalid or expired access token", null)
                    .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        Matcher notes = NOTES_PATH.matcher(path);
        if (path.equals(SEARCH_PATH)) {
            return request.method().equals("GET") ? search(request) : methodNotAllowed("GET");
        } else if (notes.matches()) {
            return request.method().equals("POST") ? addNote(request, notes.group(1)) : methodNotAllowed("POST");
        }
        return error(404, "NotFound", "No such resource", null);
    }

    private SimulatorResponse search(IncomingRequest request) {
        String phone = request.queryParam("phone");
        String digits = phone == null ? "" : phone.replaceAll("\\D", "");
        if (digits.length() < 10) {
            return error(400, "ValidationFailed", "The request is invalid", Map.of("phone", "Must hold at least 10 digits"));
        }
        String national = digits.substring(digits.length() - 10);
        List<SimulatedClient> matches = data().byNationalNumber(national);
        ObjectNode body = json.createObjectNode().put("TotalCount", matches.size());
        ArrayNode applicants = body.putArray("Applicants");
        for (SimulatedClient client : matches.subList(0, Math.min(MAX_RESULTS, matches.size()))) {
            ObjectNode a = applicants.addObject().put("ApplicantId", applicantId(client))
                    .put("FirstName", client.firstName()).put("LastName", client.lastName())
                    .put("BusinessName", client.firmName()).put("DisplayName", client.displayName())
                    .put("Email", client.email());
            ArrayNode phones = a.putArray("Phones");
            client.phones().forEach(p -> phones.addObject().put("Type", PHONE_TYPES.get(p.kind())).put("Number", p.typed()));
        }
        return SimulatorResponse.of(200, "application/json", body.toString());
    }

    private SimulatorResponse addNote(IncomingRequest request, String applicantId) {
        Optional<SimulatedClient> client = data().clients().stream()
                .filter(c -> applicantId(c).equals(applicantId)).findFirst();
        if (client.isEmpty()) {
            return error(404, "NotFound", "No applicant " + applicantId, null);
        }
        if (!String.valueOf(request.header("Content-Type")).toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return error(415, "UnsupportedMediaType", "Send the note as application/json", null);
        }
        JsonNode note;
        try {
            note = json.readTree(request.body());
        } catch (JsonProcessingException e) {
            note = null;
        }
        String text = note == null ? "" : note.path("Body").asText("");
        if (text.isBlank()) {
            return error(400, "ValidationFailed", "The request is invalid", Map.of("Body", "Is required"));
        }
        if (text.length() > maxNoteLength) {
            return error(400, "ValidationFailed", "The request is invalid",
                    Map.of("Body", "Must be at most " + maxNoteLength + " characters"));
        }
        String noteId = UUID.randomUUID().toString();
        recordCreated(new CreatedRecord(Kind.NOTE, noteId, client.get().id(), null, text, clock().instant()));
        ObjectNode body = json.createObjectNode().put("NoteId", noteId).put("ApplicantId", applicantId)
                .put("CreatedDateUtc", clock().instant().truncatedTo(ChronoUnit.SECONDS).toString());
        return SimulatorResponse.of(201, "application/json", body.toString())
                .withHeader("Location", request.baseUrl() + "/v1/applicants/" + applicantId + "/notes/" + noteId);
    }

    @Override
    SimulatorResponse injectedFault(FaultPlan.InjectedFault fault, IncomingRequest request) {
        if (fault.throttled()) {
            return error(429, "TooManyRequests", "Rate limit exceeded", null)
                    .withHeader("Retry-After", Long.toString(fault.retryAfter().toSeconds()));
        }
        return error(fault.status(), fault.status() == 503 ? "ServiceUnavailable" : "ServerError",
                "The service is temporarily unable to handle the request", null);
    }

    @Override
    String maskSecrets(String body) {
        return SecretMasking.maskForm(body);
    }

    private SimulatorResponse methodNotAllowed(String allowed) {
        return error(405, "MethodNotAllowed", "Use " + allowed, null).withHeader("Allow", allowed);
    }

    private SimulatorResponse error(int status, String error, String message, Map<String, String> fields) {
        ObjectNode body = json.createObjectNode().put("Status", status).put("Error", error).put("Message", message);
        ArrayNode errors = body.putArray("Errors");
        if (fields != null) {
            fields.forEach((field, problem) -> errors.addObject().put("Field", field).put("Message", problem));
        }
        return SimulatorResponse.of(status, "application/json", body.toString());
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Port, client credentials, client book, token lifetime and note length cap. */
    public static final class Builder {
        private int port;
        private String clientId = "sandbox-ezlynx-client";
        private String clientSecret = "sandbox-ezlynx-secret";
        private AmsSandboxData data = AmsSandboxData.defaultSeed();
        private Duration tokenLifetime = Duration.ofHours(1);
        private Clock clock = Clock.systemUTC();
        private int maxNoteLength = 4000;

        private Builder() {
        }

        /** 0 (the default) picks any free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder clientCredentials(String id, String secret) {
            this.clientId = id;
            this.clientSecret = secret;
            return this;
        }

        public Builder data(AmsSandboxData data) {
            this.data = data;
            return this;
        }

        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = lifetime;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder maxNoteLength(int length) {
            this.maxNoteLength = length;
            return this;
        }

        public GenericRestAmsSimulator build() {
            return new GenericRestAmsSimulator(this);
        }
    }
}
