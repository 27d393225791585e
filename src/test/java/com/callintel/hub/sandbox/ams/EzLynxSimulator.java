package com.callintel.hub.sandbox.ams;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A contract simulator of EZLynx from public client evidence (shared/reference/ams-contract-evidence.md, section 3):
 * the classic EZToken session ({@code GET /ezlynxapi/api/authenticate} with {@code EZUser}, {@code EZPassword},
 * {@code EZAppSecret} and {@code EZToken: authenticate}, the session in the {@code EZToken} response header; later
 * calls send {@code EZToken}, {@code EZAppSecret}, {@code AccountUsername}), or the OAuth gateway
 * ({@code POST /auth/connect/token}, {@code grant_type=vendor_data_access} with client_id, client_secret, username,
 * integration_group_id and scope; {@code client_credentials} is refused); then the applicant by its numeric id
 * ({@code GET /ezlynxapi/api/Applicant/v2/{id}}, flat CellPhone/HomePhone/WorkPhone) and the Discussion API v8
 * (by-applicant, a titled discussion with its first note, notes on a discussion). There is no phone search. A note
 * body with phone-number-like text is refused (400), as public clients report. Error bodies: OAuth's
 * {@code {"error"}} at the gateway, ASP.NET's {@code {"Message"}} on the classic API, a validation problem on the
 * Discussion API - their exact texts are unconfirmed.
 */
public final class EzLynxSimulator extends AmsSimulator {

    public static final String AUTHENTICATE_PATH = "/ezlynxapi/api/authenticate";
    public static final String TOKEN_PATH = "/auth/connect/token";
    public static final String APPLICANT_PATH = "/ezlynxapi/api/Applicant/v2/";
    public static final String DISCUSSIONS_PATH = "/DiscussionApi/v8/discussions";
    /** The phone-like text a public client (Z1) refuses before EZLynx sees it; EZLynx's own rule is unpublished. */
    public static final Pattern PHONE_LIKE = Pattern.compile("(?:\\+?1[-.\\s]?)?(?:\\(\\d{3}\\)|\\d{3})[-.\\s]?\\d{3}[-.\\s]?\\d{4}");
    private static final Pattern APPLICANT = Pattern.compile("/ezlynxapi/api/[Aa]pplicant/v2/([^/]+)");
    private static final Pattern NOTES = Pattern.compile("/DiscussionApi/v8/discussions/([^/]+)/notes");
    private static final String DENIED = "{\"Message\":\"Authorization has been denied for this request.\"}";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A discussion on an applicant: its id, applicant, title and the ids of its notes. */
    record Discussion(long id, String applicantId, String title, List<Long> noteIds) {
    }

    private final Builder settings;
    private final Map<Long, Discussion> discussions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(5_000_000);

    private EzLynxSimulator(Builder b) {
        super("ezlynx", b.port, b.data, b.tokenLifetime, b.clock);
        this.settings = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** EZLynx's numeric applicant id of a sandbox client: 2202 and its customer number (like 220250093). */
    public static String applicantId(SimulatedClient client) {
        return "2202" + client.customerNumber();
    }

    public String tokenUrl() {
        return baseUrl() + TOKEN_PATH;
    }

    /** The discussions the hub made or found, for the tests: id, applicant, title, notes. */
    public List<Map<String, Object>> discussions() {
        return discussions.values().stream().map(d -> Map.<String, Object>of("id", d.id(), "applicantId", d.applicantId(),
                "title", d.title(), "notes", List.copyOf(d.noteIds()))).toList();
    }

    /** Forgets every discussion (the agency's book starts without any). */
    public void clearDiscussions() {
        discussions.clear();
    }

    /** An existing discussion on the applicant (the agency's own, made before the hub came), returning its id. */
    public long seedDiscussion(String applicantId, String title) {
        long id = ids.incrementAndGet();
        discussions.put(id, new Discussion(id, applicantId, title, new ArrayList<>()));
        return id;
    }

    @Override
    SimulatorResponse respond(IncomingRequest request) {
        String path = request.path();
        if (path.equals(TOKEN_PATH)) {
            return token(request);
        }
        if (path.equalsIgnoreCase(AUTHENTICATE_PATH)) {
            return authenticate(request);
        }
        if (!authorized(request, path.startsWith("/DiscussionApi/") ? "DiscussionApi" : "EZLynxApi")) {
            return json(401, DENIED);
        }
        Matcher applicant = APPLICANT.matcher(path);
        Matcher notes = NOTES.matcher(path);
        if (applicant.matches() && request.method().equals("GET")) {
            return applicant(applicant.group(1));
        } else if (path.equals(DISCUSSIONS_PATH + "/by-applicant") && request.method().equals("GET")) {
            return byApplicant(request.queryParam("applicantId"));
        } else if (path.equals(DISCUSSIONS_PATH + "/with-note") && request.method().equals("POST")) {
            return withNote(request);
        } else if (notes.matches() && request.method().equals("POST")) {
            return addNote(request, notes.group(1));
        } else if (path.startsWith("/DiscussionApi/v1/")) {
            return json(404, "");
        }
        return json(404, "{\"Message\":\"No HTTP resource was found that matches the request URI '" + request.url() + "'.\"}");
    }

    // --- authentication ---

    private SimulatorResponse authenticate(IncomingRequest request) {
        if (!request.method().equals("GET") || !"authenticate".equals(request.header("EZToken"))
                || !settings.username.equals(request.header("EZUser"))
                || !settings.password.equals(request.header("EZPassword"))
                || !settings.appSecret.equals(request.header("EZAppSecret"))) {
            return json(401, DENIED);
        }
        String session = randomToken();
        tokens().issue(session, Set.of("EZLynxApi", "DiscussionApi"));
        return SimulatorResponse.of(200, "application/json; charset=utf-8", "true").withHeader("EZToken", session);
    }

    private SimulatorResponse token(IncomingRequest request) {
        if (!request.method().equals("POST")) {
            return json(405, "");
        }
        Map<String, String> form = request.formParams();
        String grant = form.get("grant_type");
        if (grant == null || grant.isBlank()) {
            return oauthError("invalid_request");
        }
        if (!grant.equals("vendor_data_access")) {
            return oauthError("unsupported_grant_type");
        }
        if (!settings.clientId.equals(form.get("client_id")) || !settings.clientSecret.equals(form.get("client_secret"))) {
            return oauthError("invalid_client");
        }
        if (!settings.username.equals(form.get("username"))
                || !settings.integrationGroupId.equals(form.get("integration_group_id"))) {
            return oauthError("invalid_grant");
        }
        Set<String> asked = new LinkedHashSet<>(Arrays.asList(form.getOrDefault("scope", "").trim().split("\\s+")));
        asked.remove("");
        if (asked.isEmpty() || !settings.scopes.containsAll(asked)) {
            return oauthError("invalid_scope");
        }
        String token = randomToken();
        tokens().issue(token, asked);
        ObjectNode body = JSON.createObjectNode().put("access_token", token)
                .put("expires_in", tokens().lifetime().toSeconds()).put("token_type", "Bearer")
                .put("scope", String.join(" ", asked));
        return json(200, body.toString());
    }

    /** A bearer from the gateway with the API's scope, or an EZToken session with its app secret and account. */
    private boolean authorized(IncomingRequest request, String api) {
        String bearer = request.bearerToken();
        if (bearer != null) {
            // the gateway scope for applicant reads is unpublished: any live token reads them
            return tokens().valid(bearer).map(s -> s.scopes().contains(api) || api.equals("EZLynxApi")).orElse(false);
        }
        String session = request.header("EZToken");
        return session != null && settings.appSecret.equals(request.header("EZAppSecret"))
                && settings.username.equals(request.header("AccountUsername"))
                && tokens().valid(session).isPresent();
    }

    // --- applicants ---

    private SimulatorResponse applicant(String id) {
        if (!id.matches("\\d{1,12}")) {
            return json(400, "{\"Message\":\"The request is invalid.\"}");
        }
        return client(id).map(c -> json(200, applicantJson(c).toString()))
                .orElseGet(() -> json(404, "{\"Message\":\"Applicant not found.\"}"));
    }

    private Optional<SimulatedClient> client(String applicantId) {
        return data().clients().stream().filter(c -> applicantId(c).equals(applicantId)).findFirst();
    }

    private static ObjectNode applicantJson(SimulatedClient client) {
        ObjectNode applicant = JSON.createObjectNode();
        applicant.put("ApplicantId", Long.parseLong(applicantId(client)));
        applicant.put("FirstName", client.firstName());
        applicant.put("LastName", client.lastName());
        applicant.put("CompanyName", client.firmName());
        applicant.put("Email", client.email());
        phone(applicant, "CellPhone", client.phone(PhoneKind.MOBILE));
        phone(applicant, "HomePhone", client.phone(PhoneKind.HOME));
        phone(applicant, "WorkPhone", client.phone(PhoneKind.WORK));
        return applicant;
    }

    private static void phone(ObjectNode applicant, String field, SimulatedPhone phone) {
        // EZLynx shows numbers formatted; what its API returns exactly is unconfirmed
        applicant.put(field, phone == null ? null : phone.formatted());
    }

    // --- discussions ---

    private SimulatorResponse byApplicant(String applicantId) {
        if (applicantId == null || !applicantId.matches("\\d{1,12}")) {
            return validation("applicantId", "The value '" + applicantId + "' is not valid.");
        }
        ArrayNode list = JSON.createArrayNode();
        discussions.values().stream().filter(d -> d.applicantId().equals(applicantId))
                .sorted((a, b) -> Long.compare(a.id(), b.id())).forEach(d -> list.add(discussionJson(d)));
        return json(200, list.toString());
    }

    private SimulatorResponse withNote(IncomingRequest request) {
        JsonNode body = parse(request.body());
        String applicantId = body == null ? null : body.path("applicantId").asText(null);
        String title = body == null ? null : body.path("title").asText("");
        JsonNode note = body == null ? null : body.path("note");
        if (applicantId == null || !applicantId.matches("\\d{1,12}") || client(applicantId).isEmpty()) {
            return validation("applicantId", "The applicant does not exist.");
        }
        if (title.isBlank()) {
            return validation("title", "The Title field is required.");
        }
        SimulatorResponse refused = refusedNote(note);
        if (refused != null) {
            return refused;
        }
        long id = ids.incrementAndGet();
        Discussion discussion = new Discussion(id, applicantId, title, new ArrayList<>());
        discussions.put(id, discussion);
        note(discussion, note.path("body").asText());
        return json(200, JSON.createObjectNode().put("discussionId", id).toString());
    }

    private SimulatorResponse addNote(IncomingRequest request, String rawId) {
        Discussion discussion = rawId.matches("\\d{1,18}") ? discussions.get(Long.parseLong(rawId)) : null;
        if (discussion == null) {
            return json(404, "");
        }
        JsonNode note = parse(request.body());
        SimulatorResponse refused = refusedNote(note);
        if (refused != null) {
            return refused;
        }
        long noteId = note(discussion, note.path("body").asText());
        return json(200, JSON.createObjectNode().put("noteId", noteId).toString());
    }

    private SimulatorResponse refusedNote(JsonNode note) {
        if (note == null || !"Note".equals(note.path("type").asText()) || note.path("body").asText("").isBlank()) {
            return validation("body", "A note needs type \"Note\" and a body.");
        }
        String body = note.path("body").asText();
        if (body.length() > settings.maxNoteLength) {
            return validation("body", "The body is too long.");
        }
        if (PHONE_LIKE.matcher(body).find()) {
            return validation("body", "The note body may not contain a phone number.");
        }
        return null;
    }

    private long note(Discussion discussion, String body) {
        long noteId = ids.incrementAndGet();
        synchronized (discussion) {
            discussion.noteIds().add(noteId);
        }
        String clientId = client(discussion.applicantId()).map(SimulatedClient::id).orElse(null);
        recordCreated(new CreatedRecord(CreatedRecord.Kind.NOTE, Long.toString(noteId), clientId,
                Long.toString(discussion.id()), body, clock().instant()));
        return noteId;
    }

    private static ObjectNode discussionJson(Discussion d) {
        ObjectNode json = JSON.createObjectNode().put("id", d.id()).put("applicantId", Long.parseLong(d.applicantId()))
                .put("title", d.title());
        synchronized (d) {
            json.put("noteCount", d.noteIds().size());
            if (!d.noteIds().isEmpty()) {
                json.put("mostRecentNoteId", d.noteIds().get(d.noteIds().size() - 1));
            }
        }
        return json;
    }

    // --- answers ---

    private static SimulatorResponse json(int status, String body) {
        return SimulatorResponse.of(status, body.isEmpty() ? null : "application/json; charset=utf-8", body);
    }

    private static SimulatorResponse oauthError(String error) {
        return json(400, JSON.createObjectNode().put("error", error).toString());
    }

    private static SimulatorResponse validation(String field, String message) {
        ObjectNode problem = JSON.createObjectNode().put("type", "https://tools.ietf.org/html/rfc7231#section-6.5.1")
                .put("title", "One or more validation errors occurred.").put("status", 400);
        problem.putObject("errors").putArray(field).add(message);
        return SimulatorResponse.of(400, "application/problem+json; charset=utf-8", problem.toString());
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    @Override
    SimulatorResponse injectedFault(FaultPlan.InjectedFault fault, IncomingRequest request) {
        SimulatorResponse answer = json(fault.status(), "{\"Message\":\"An error has occurred.\"}");
        return fault.throttled() ? answer.withHeader("Retry-After", Long.toString(fault.retryAfter().toSeconds())) : answer;
    }

    @Override
    String maskSecrets(String body) {
        return SecretMasking.maskForm(body);
    }

    /** Port, both credential sets, scopes, client book, token lifetime, note limit. */
    public static final class Builder {
        private int port;
        private String username = "sandbox.agent";
        private String password = "fake-ezlynx-password";
        private String appSecret = "fake-ezlynx-app-secret";
        private String clientId = "fake-ezlynx-client";
        private String clientSecret = "fake-ezlynx-client-secret";
        private String integrationGroupId = "fake-integration-group";
        private Set<String> scopes = new HashSet<>(Set.of("DiscussionApi", "EZLynxApi", "openid"));
        private AmsSandboxData data = AmsSandboxData.defaultSeed();
        private Duration tokenLifetime = Duration.ofHours(1);
        private Clock clock = Clock.systemUTC();
        private int maxNoteLength = 4000;

        private Builder() {
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The user, password and app secret of the EZToken session (the user is also the gateway's username). */
        public Builder session(String username, String password, String appSecret) {
            this.username = username;
            this.password = password;
            this.appSecret = appSecret;
            return this;
        }

        /** The gateway client, its integration group and the scopes it may be granted. */
        public Builder gateway(String clientId, String clientSecret, String integrationGroupId, Set<String> scopes) {
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.integrationGroupId = integrationGroupId;
            this.scopes = new HashSet<>(scopes);
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

        /** The longest note body accepted (unpublished; 4000 by default). */
        public Builder maxNoteLength(int max) {
            this.maxNoteLength = max;
            return this;
        }

        public EzLynxSimulator build() {
            return new EzLynxSimulator(this);
        }
    }

    /** The sandbox credentials, for tests and the sandbox connection. */
    public String username() {
        return settings.username;
    }
}
