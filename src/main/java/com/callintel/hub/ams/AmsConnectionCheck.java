package com.callintel.hub.ams;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.processing.PhoneNumbers;
import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import com.callintel.hub.tenancy.Organization;
import com.callintel.hub.tenancy.TenantRepository;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The admin API's "Test connection" of an organization's AMS: signs in live (an AMS360 Login, an Applied Epic
 * token, a fresh EZLynx session in the connection's scheme) and, for Applied Epic, lists the agency's note access levels so a Settings page can offer them; the level
 * an admin picks from that list (or, without a pick, the agency's "General" level) is kept with the connection.
 * A failed test is an answer, not an error: the tenant sees the fixed failure vocabulary, the operator log the
 * details. With a {@code number}, the test also looks that number up live, the way a screen pop does, and answers
 * the candidates' names and ids; nothing of the answer is kept or cached. Whether the test passed, and when, is kept
 * with the connection (the Settings page's setup checklist) until the connection is saved again.
 */
@Component
public class AmsConnectionCheck {

    private static final Logger log = LoggerFactory.getLogger(AmsConnectionCheck.class);
    private static final int MAX_LEVEL_ID_LENGTH = 64;
    private static final int MAX_NUMBER_LENGTH = 32;

    private final AmsConnectionRepository connections;
    private final AmsTokens tokens;
    private final EpicNoteAccessLevels accessLevels;
    private final Ams360Tickets tickets;
    private final AmsFailures failures;
    private final String epicAuthEndpointPath;
    private final String epicAudience;
    private final String ams360ServicePath;
    private final EzLynxSessions ezlynx;
    private final EzLynxPaths ezlynxPaths;
    private final AmsLookup lookup;
    private final TenantRepository tenants;
    private final Clock clock;

    AmsConnectionCheck(AmsConnectionRepository connections, AmsTokens tokens, EpicNoteAccessLevels accessLevels,
                       Ams360Tickets tickets, AmsFailures failures,
                       @Value("${camel.component.kamelet.template-properties.applied-epic.authEndpointPath:/v1/auth/connect/token}") String epicAuthEndpointPath,
                       @Value("${camel.component.kamelet.template-properties.applied-epic.oauthAudience:api.myappliedproducts.com/epic}") String epicAudience,
                       @Value("${camel.component.kamelet.template-properties.ams360.servicePath:/v3/WSAPIService.svc}") String ams360ServicePath,
                       EzLynxSessions ezlynx,
                       @Value("${camel.component.kamelet.template-properties.ezlynx.authenticatePath:/ezlynxapi/api/authenticate}") String ezlynxAuthenticatePath,
                       @Value("${camel.component.kamelet.template-properties.ezlynx.gatewayPath:/auth/connect/token}") String ezlynxGatewayPath,
                       @Value("${camel.component.kamelet.template-properties.ezlynx.oauthScope:DiscussionApi openid}") String ezlynxScope,
                       AmsLookup lookup, TenantRepository tenants, Clock clock) {
        this.lookup = lookup;
        this.tenants = tenants;
        this.clock = clock;
        this.connections = connections;
        this.tokens = tokens;
        this.accessLevels = accessLevels;
        this.tickets = tickets;
        this.failures = failures;
        this.epicAuthEndpointPath = epicAuthEndpointPath;
        this.epicAudience = epicAudience;
        this.ams360ServicePath = ams360ServicePath;
        this.ezlynx = ezlynx;
        // only the auth paths are used here: the test authenticates, it reads no applicant
        this.ezlynxPaths = new EzLynxPaths(ezlynxAuthenticatePath, ezlynxGatewayPath, ezlynxScope, null, null);
    }

    /**
     * Tests the organization's connection; {@code request} may name the {@code noteAccessLevelId} an admin picked
     * from the list (Applied Epic), which must be one of the agency's levels (400 otherwise). 404 without a
     * connection. {@code request} may also hold a {@code number} to look up live (400 when it is no phone number).
     * {@code request} may be null (no body).
     */
    public Map<String, Object> run(UUID orgId, JsonNode request) {
        AmsConnection ams = connections.open(orgId).orElseThrow(() -> new ProblemException(Problem.of(404, "not-found",
                "Not found", "No such AMS connection in your organization.")));
        String picked = picked(request);
        String region = tenants.findOrganization(orgId).map(Organization::defaultRegion).orElse("US");
        String number = number(request, region);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("type", ams.type());
        try {
            switch (ams.type()) {
                case "applied-epic" -> epic(ams, picked, result);
                case "ams360" -> {
                    tickets.ticket(ams, Ams360Endpoint.of(ams.baseUrl(), ams360ServicePath));
                    result.put("ok", true);
                }
                case "ezlynx" -> {
                    // a fresh session in the connection's scheme (EZToken or vendor_data_access): the credentials work
                    ezlynx.invalidate(ams.orgId());
                    ezlynx.headers(ams, ezlynxPaths);
                    result.put("ok", true);
                    result.put("authScheme", EzLynxSessions.scheme(ams));
                }
                default -> {
                    result.put("ok", null);
                    result.put("detail", "no live test for this AMS type yet");
                }
            }
            if (number != null && !Boolean.FALSE.equals(result.get("ok"))) {
                result.put("lookup", lookUp(ams, number, region));
                result.put("ok", true);
                result.remove("detail");
            }
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            log.warn("AMS connection test of org {} ({}) failed: {}", orgId, ams.type(), e.toString());
            result.put("ok", false);
            result.put("reason", failures.reasonOf(e));
        }
        if (result.get("ok") instanceof Boolean ok) {
            // a save in between brought new, untested credentials: this outcome is not theirs
            connections.recordTest(orgId, ams.updatedAt(), ok, clock.instant());
        }
        return result;
    }

    /** {@code {number, candidates: [{name, id}]}} as the AMS answers now; only names and ids, nothing kept. */
    private Map<String, Object> lookUp(AmsConnection ams, String e164, String region) throws Exception {
        Map<String, Object> found = new LinkedHashMap<>();
        found.put("number", e164);
        List<Map<String, String>> candidates = new java.util.ArrayList<>();
        if (lookup.confirmsNamedRecords(ams.type())) {
            // no phone search at this AMS: agents name the record on the pop, which the hub confirms live
            found.put("candidates", candidates);
            found.put("detail", "this AMS has no search by phone number: agents name the record on the screen pop");
            return found;
        }
        for (JsonNode candidate : lookup.candidates(ams, e164, region)) {
            Map<String, String> one = new LinkedHashMap<>();
            one.put("name", candidate.path("name").isValueNode() ? candidate.path("name").asText() : null);
            one.put("id", candidate.path("id").isValueNode() ? candidate.path("id").asText() : null);
            candidates.add(one);
        }
        found.put("candidates", candidates);
        return found;
    }

    /** The E.164 of the request's {@code number}, read in the organization's region; null without one. */
    private static String number(JsonNode request, String region) {
        JsonNode value = request == null ? null : request.get("number");
        if (value == null || value.isNull()) {
            return null;
        }
        String e164 = value.isTextual() && value.asText().length() <= MAX_NUMBER_LENGTH
                ? PhoneNumbers.toE164(value.asText(), region) : null;
        if (e164 == null) {
            throw new ProblemException(Problem.of(400, "invalid-field", "Invalid request",
                    "'number' must be a phone number such as +1 555 0100 (national numbers are read in the organization's region)."));
        }
        return e164;
    }

    private void epic(AmsConnection ams, String picked, Map<String, Object> result) {
        String authorization = tokens.bearer(ams, epicAuthEndpointPath, AmsTokens.BASIC_CLIENT_AUTHENTICATION, epicAudience);
        List<EpicNoteAccessLevels.AccessLevel> levels = accessLevels.list(ams, authorization);
        String chosen = ams.setting(EpicNoteAccessLevels.SETTING, null);
        if (picked != null) {
            if (levels.stream().noneMatch(level -> level.id().equals(picked))) {
                throw new ProblemException(Problem.of(400, "invalid-field", "Invalid request",
                        "'noteAccessLevelId' must be one of the agency's note access levels this test lists."));
            }
            chosen = picked;
        } else if (chosen == null) {
            chosen = EpicNoteAccessLevels.defaultOf(levels).map(EpicNoteAccessLevels.AccessLevel::id).orElse(null);
        }
        if (chosen != null && !chosen.equals(ams.setting(EpicNoteAccessLevels.SETTING, null))
                && !connections.rememberSetting(ams.orgId(), ams.updatedAt(), EpicNoteAccessLevels.SETTING, chosen)) {
            throw new ProblemException(Problem.of(409, "conflict", "Conflict",
                    "The AMS connection changed during the test; test it again."));
        }
        result.put("ok", true);
        result.put("noteAccessLevels", levels);
        result.put("noteAccessLevelId", chosen);
    }

    private static String picked(JsonNode request) {
        JsonNode value = request == null ? null : request.get(EpicNoteAccessLevels.SETTING);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_LEVEL_ID_LENGTH) {
            throw new ProblemException(Problem.of(400, "invalid-field", "Invalid request",
                    "'noteAccessLevelId' must be an access level id from this test's list."));
        }
        return value.asText().trim();
    }
}
