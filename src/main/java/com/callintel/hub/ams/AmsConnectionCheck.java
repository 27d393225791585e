package com.callintel.hub.ams;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
    public AmsTestView run(UUID orgId, JsonNode request) {
        AmsConnection ams = connections.open(orgId).orElseThrow(() -> new ProblemException(Problem.of(404, "not-found",
                "Not found", "No such AMS connection in your organization.")));
        String picked = picked(request);
        String region = tenants.findOrganization(orgId).map(Organization::defaultRegion).orElse("US");
        String number = number(request, region);
        AmsTestView result = AmsTestView.of(ams.type());
        try {
            switch (ams.type()) {
                case "applied-epic" -> result = epic(ams, picked, result);
                case "ams360" -> {
                    tickets.ticket(ams, Ams360Endpoint.of(ams.baseUrl(), ams360ServicePath));
                    result = result.signedIn();
                }
                case "ezlynx" -> {
                    // a fresh session in the connection's scheme (EZToken or vendor_data_access): the credentials work
                    ezlynx.invalidate(ams.orgId());
                    ezlynx.headers(ams, ezlynxPaths);
                    result = result.signedInWith(EzLynxSessions.scheme(ams));
                }
                default -> result = result.untested("no live test for this AMS type yet");
            }
            if (number != null && !Boolean.FALSE.equals(result.ok())) {
                result = result.lookedUp(lookUp(ams, number, region));
            }
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            log.warn("AMS connection test of org {} ({}) failed: {}", orgId, ams.type(), e.toString());
            result = result.failed(failures.reasonOf(e));
        }
        if (result.ok() != null) {
            // a save in between brought new, untested credentials: this outcome is not theirs
            connections.recordTest(orgId, ams.updatedAt(), result.ok(), clock.instant());
        }
        return result;
    }

    /** The number as the AMS answers for it now; only the candidates' names and ids, nothing kept. */
    private AmsTestView.Lookup lookUp(AmsConnection ams, String e164, String region) throws Exception {
        if (lookup.confirmsNamedRecords(ams.type())) {
            // no phone search at this AMS: agents name the record on the pop, which the hub confirms live
            return new AmsTestView.Lookup(e164, List.of(),
                    "this AMS has no search by phone number: agents name the record on the screen pop");
        }
        List<AmsTestView.Candidate> candidates = new ArrayList<>();
        for (JsonNode candidate : lookup.candidates(ams, e164, region)) {
            candidates.add(new AmsTestView.Candidate(text(candidate.path("name")), text(candidate.path("id"))));
        }
        return new AmsTestView.Lookup(e164, candidates, null);
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : null;
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

    private AmsTestView epic(AmsConnection ams, String picked, AmsTestView result) {
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
        return result.levels(levels, chosen);
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
