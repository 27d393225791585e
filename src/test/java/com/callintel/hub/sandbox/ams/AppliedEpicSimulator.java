package com.callintel.hub.sandbox.ams;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A contract simulator of the Applied API (Applied Epic): OAuth2 client credentials at
 * {@code POST /v1/auth/connect/token} as Applied's getting-started guide shows it (HTTP Basic client credentials,
 * form {@code grant_type=client_credentials&audience=api.myappliedproducts.com/epic}, {@code expires_in} 7200;
 * credentials in the body pass only with the audience too, a request without the audience is refused, a bad client
 * gets {@code {"error":"invalid_client"}}), then with {@code Authorization: Bearer} the account search by phone,
 * activity codes, the agency's note access levels, activity creation (201, HAL), notes on an activity (200), and
 * the reads of both: a client's activities ({@code GET /clients/{id}/activities}) and an activity's notes. An unknown or expired token (tokens honour {@code expires_in}) gets the 401
 * problem+json, a missing scope 403, validation 400 with additionalDetails, throttling 429 with Retry-After.
 * Paths are those of the mock host, under {@link #baseUrl()}.
 */
public final class AppliedEpicSimulator extends AmsSimulator {

    public static final String TOKEN_PATH = "/v1/auth/connect/token";
    /** The audience Applied's getting-started guide sends, for the mock host and production alike (E2, E3). */
    public static final String EPIC_AUDIENCE = "api.myappliedproducts.com/epic";
    public static final Set<String> SANDBOX_SCOPES = Set.of("epic/accounts:search", "epic/accounts:all",
            "epic/activity:read", "epic/activity:write", "epic/activity:all", "epic/owners:read");
    private static final Pattern NOTES_PATH = Pattern.compile("/workflow-management/v1/activities/([^/]+)/notes");
    private static final Pattern CLIENT_ACTIVITIES_PATH = Pattern.compile("/workflow-management/v1/clients/([^/]+)/activities");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An activity code of the agency ({@code GET /activities/codes}); defaultOwnerId may be null. */
    public record ActivityCode(String id, String code, String description, String defaultOwnerId) {
    }

    /** An employee who can own activities. */
    public record Employee(String id, String code, String name) {
    }

    private final ClientCredentialsGrant grant;
    private final EpicAccountSearch accounts;
    private final EpicActivities activities;

    private AppliedEpicSimulator(Builder b) {
        super("applied-epic", b.port, b.data, b.tokenLifetime, b.clock);
        this.grant = new ClientCredentialsGrant(b.clientId, b.clientSecret, b.scopes, b.audience, 400, tokens(),
                AppliedEpicSimulator::jwtShapedToken);
        this.accounts = new EpicAccountSearch(b.data);
        this.activities = new EpicActivities(this, b.codes, b.employees, b.accessLevels, b.maxDescriptionLength,
                b.maxNoteLength);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String tokenUrl() {
        return baseUrl() + TOKEN_PATH;
    }

    @Override
    SimulatorResponse respond(IncomingRequest request) {
        SimulatorResponse response;
        try {
            response = route(request);
        } catch (EpicProblem problem) {
            response = problem.render(request);
        }
        String correlation = request.header("Asi-Client-Correlation-Id");
        return correlation == null ? response : response.withHeader("Asi-Client-Correlation-Id", correlation);
    }

    private SimulatorResponse route(IncomingRequest request) {
        String path = request.path();
        if (path.equals(TOKEN_PATH)) {
            return grant.answer(request, clock().instant());
        }
        Set<String> scopes = tokens().valid(request.bearerToken()).orElseThrow(() -> EpicProblem.of(401)).scopes();
        String method = request.method();
        Matcher notes = NOTES_PATH.matcher(path);
        Matcher clientActivities = CLIENT_ACTIVITIES_PATH.matcher(path);
        if (path.equals("/epic/account/v1/accounts/search")) {
            requireMethod(method, "GET");
            requireScope(scopes, "epic/accounts:search", "epic/accounts:all");
            return SimulatorResponse.of(200, "application/hal+json", accounts.search(request));
        } else if (path.equals("/workflow-management/v1/activities/codes")) {
            requireMethod(method, "GET");
            requireScope(scopes, "epic/activity:read", "epic/activity:all");
            return SimulatorResponse.of(200, "application/hal+json", activities.codes(request));
        } else if (path.equals("/workflow-management/v1/activities/notes/access-levels")) {
            requireMethod(method, "GET");
            requireScope(scopes, "epic/activity:read", "epic/activity:all");
            return SimulatorResponse.of(200, "application/hal+json", activities.accessLevels(request));
        } else if (path.equals("/workflow-management/v1/activities")) {
            requireMethod(method, "POST");
            requireScope(scopes, "epic/activity:write", "epic/activity:all");
            return activities.create(request);
        } else if (notes.matches() && method.equals("GET")) {
            requireScope(scopes, "epic/activity:read", "epic/activity:all");
            return SimulatorResponse.of(200, "application/hal+json", activities.notes(request, notes.group(1)));
        } else if (notes.matches()) {
            requireMethod(method, "POST");
            requireScope(scopes, "epic/activity:write", "epic/activity:all");
            return activities.addNote(request, notes.group(1));
        } else if (clientActivities.matches()) {
            requireMethod(method, "GET");
            requireScope(scopes, "epic/activity:read", "epic/activity:all");
            return SimulatorResponse.of(200, "application/hal+json",
                    activities.ofClient(request, clientActivities.group(1)));
        }
        throw EpicProblem.of(404);
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw EpicProblem.of(405);
        }
    }

    private static void requireScope(Set<String> granted, String narrow, String all) {
        if (!granted.contains(narrow) && !granted.contains(all)) {
            throw EpicProblem.of(403);
        }
    }

    @Override
    SimulatorResponse injectedFault(FaultPlan.InjectedFault fault, IncomingRequest request) {
        SimulatorResponse problem = EpicProblem.of(fault.status()).render(request);
        return fault.throttled()
                ? problem.withHeader("Retry-After", Long.toString(fault.retryAfter().toSeconds())) : problem;
    }

    @Override
    String maskSecrets(String body) {
        return SecretMasking.maskForm(body);
    }

    // Applied issues JWTs; the sandbox's look like one (header.claims.signature) but are checked by lookup only.
    private static String jwtShapedToken(String clientId, Set<String> scopes, Instant issuedAt, Instant expiresAt) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] signature = new byte[32];
        RANDOM.nextBytes(signature);
        String claims = new ObjectMapper().createObjectNode().put("scope", String.join(" ", scopes))
                .put("client_id", clientId).put("iss", "callintel-sandbox-applied-epic")
                .put("iat", issuedAt.getEpochSecond()).put("exp", expiresAt.getEpochSecond())
                .put("jti", Base64.getUrlEncoder().withoutPadding().encodeToString(signature).substring(0, 16)).toString();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(signature);
    }

    /** Port, client credentials and scopes, client book, token lifetime, activity codes and employees. */
    public static final class Builder {
        private int port;
        private String clientId = "fake-client-id-0001";
        private String clientSecret = "fake-client-secret-0001";
        private Set<String> scopes = SANDBOX_SCOPES;
        private String audience = EPIC_AUDIENCE;
        private Map<String, String> accessLevels = defaultAccessLevels();
        private AmsSandboxData data = AmsSandboxData.defaultSeed();
        private Duration tokenLifetime = Duration.ofHours(2);
        private Clock clock = Clock.systemUTC();
        private List<Employee> employees = List.of(
                new Employee("e3e3e3e3-0000-4000-8000-000000000003", "STOCA1", "Casey Stone"));
        private List<ActivityCode> codes = List.of(
                new ActivityCode("65536", "CALL", "Call the insured", "e3e3e3e3-0000-4000-8000-000000000003"));
        private int maxDescriptionLength = Integer.MAX_VALUE;
        private int maxNoteLength = Integer.MAX_VALUE;

        private Builder() {
        }

        /** 0 (the default) picks any free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Defaults to the client of shared/fixtures/ams/applied-epic/token-request.http. */
        public Builder clientCredentials(String id, String secret) {
            this.clientId = id;
            this.clientSecret = secret;
            return this;
        }

        /** The scopes this client may be granted; a token request naming any other gets invalid_scope. */
        public Builder grantableScopes(Set<String> scopes) {
            this.scopes = scopes;
            return this;
        }

        /** The audience a token request must carry (Applied's by default); null asks for none. */
        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /**
         * The agency's note access levels, id to description, in the order Epic lists them (agency-configured;
         * default "6" General and "2" Benefits, the spec's examples).
         */
        public Builder noteAccessLevels(Map<String, String> levels) {
            this.accessLevels = new LinkedHashMap<>(levels);
            return this;
        }

        private static Map<String, String> defaultAccessLevels() {
            Map<String, String> levels = new LinkedHashMap<>();
            levels.put("6", "General");
            levels.put("2", "Benefits");
            return levels;
        }

        public Builder data(AmsSandboxData data) {
            this.data = data;
            return this;
        }

        /** The {@code expires_in} of issued tokens (7200 s in Applied's guide, the default). */
        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = lifetime;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder activityCodes(List<ActivityCode> codes) {
            this.codes = codes;
            return this;
        }

        public Builder employees(List<Employee> employees) {
            this.employees = employees;
            return this;
        }

        /** Caps on description and note content (unconfirmed by Applied; none by default). */
        public Builder maxLengths(int description, int noteContent) {
            this.maxDescriptionLength = description;
            this.maxNoteLength = noteContent;
            return this;
        }

        public AppliedEpicSimulator build() {
            return new AppliedEpicSimulator(this);
        }
    }
}
