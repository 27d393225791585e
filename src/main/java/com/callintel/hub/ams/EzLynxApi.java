package com.callintel.hub.ams;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.callintel.hub.egress.EgressRefusedException;
import com.callintel.hub.egress.PathSegments;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.stereotype.Component;

/**
 * The EZLynx calls of the ezlynx connector (connectors/ams/ezlynx.kamelet.yaml), contract from public client
 * evidence (shared/reference/ams-contract-evidence.md, section 3). EZLynx has no phone search, so the hub never
 * looks for the caller: the agent names the applicant (its numeric id) and the hub fetches that applicant live and
 * writes only when one of its CellPhone, HomePhone or WorkPhone is the caller's number - nothing of it is kept.
 * Notes go on Discussions: the applicant's discussion with the connection's title is found (by-applicant) or made
 * (with-note), and every later note of the call goes to that same discussion, whose id is the sync's record id.
 */
@Component("ezlynxApi")
public class EzLynxApi {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> PHONE_FIELDS = List.of("CellPhone", "HomePhone", "WorkPhone");

    private final CloseableHttpClient http;
    private final AmsRequestUris uris;
    private final EzLynxSessions sessions;
    private final PhoneMatcher phones;
    private final ObjectMapper mapper;

    EzLynxApi(CloseableHttpClient egressHttpClient, AmsRequestUris uris, EzLynxSessions sessions, PhoneMatcher phones,
              ObjectMapper mapper) {
        this.http = egressHttpClient;
        this.uris = uris;
        this.sessions = sessions;
        this.phones = phones;
        this.mapper = mapper;
    }

    /** The connector's paths and default scope, for the calls below. */
    public EzLynxPaths paths(String authenticate, String gateway, String scope, String applicant, String discussions) {
        return new EzLynxPaths(authenticate, gateway, scope, applicant, discussions);
    }

    /** The lookup by number: EZLynx publishes no phone search, so nothing is asked and no one is offered. */
    public ArrayNode noPhoneSearch() {
        return JSON.arrayNode();
    }

    /**
     * {@code [{id, name}]} of the applicant {@code request.applicantId} when EZLynx, asked now, shows the caller's
     * number ({@code request.phone}, read in {@code request.region}) in one of its phone fields; {@code []} when the
     * applicant has none of them or does not exist.
     */
    public ArrayNode callerApplicant(AmsConnection ams, EzLynxPaths paths, JsonNode request) {
        ArrayNode found = JSON.arrayNode();
        String typed = request.path("applicantId").asText("");
        if (!typed.matches("[0-9]{1,18}")) {
            return found;
        }
        String applicantId = numericId(typed);
        JsonNode applicant = applicant(ams, paths, applicantId);
        if (applicant != null && isCaller(applicant, request.path("phone").asText(null), request.path("region").asText(null))) {
            found.addObject().put("id", applicantId).put("name", name(applicant));
        }
        return found;
    }

    /**
     * Writes the call's note on the applicant, after confirming live that it is the caller's: to the applicant's
     * discussion titled {@code request.title} (the first one, if the agency has several), or a new discussion with
     * that title and the note as its first. Answers {@code {id}} = the discussion's id, where follow-ups go.
     */
    public ObjectNode writeNote(AmsConnection ams, EzLynxPaths paths, JsonNode request) {
        String applicantId = numericId(request.path("applicantId").asText(""));
        if (callerApplicant(ams, paths, request).isEmpty()) {
            throw new AmsTargetMismatchException("the EZLynx applicant chosen has none of the caller's numbers");
        }
        String title = request.path("title").asText();
        String body = EzLynxNoteText.withoutDialableNumbers(request.path("body").asText(), request.path("noteNumbers").asText());
        String discussion = existingDiscussion(ams, paths, applicantId, title);
        if (discussion == null) {
            ObjectNode create = JSON.objectNode();
            create.put("applicantId", applicantId).put("title", title).putObject("note").put("type", "Note").put("body", body);
            JsonNode created = send(ams, paths, "POST", uris.uri(ams, paths.discussions() + "/with-note"), create);
            discussion = created.path("discussionId").asText(created.path("id").asText(""));
            if (discussion.isBlank()) {
                throw new AmsUnavailableException("EZLynx made the discussion but answered no discussionId");
            }
        } else {
            addNote(ams, paths, discussion, body);
        }
        return JSON.objectNode().put("id", discussion);
    }

    /** A later note of the same call on its discussion ({@code request.discussionId}); answers {@code {id}} of it. */
    public ObjectNode followUp(AmsConnection ams, EzLynxPaths paths, JsonNode request) {
        String discussion = request.path("discussionId").asText("");
        String body = EzLynxNoteText.withoutDialableNumbers(request.path("body").asText(), request.path("noteNumbers").asText());
        return JSON.objectNode().put("id", addNote(ams, paths, discussion, body));
    }

    private String addNote(AmsConnection ams, EzLynxPaths paths, String discussion, String body) {
        String uri = uris.uri(ams, paths.discussions() + "/{recordId}/notes", null, discussion);
        ObjectNode note = JSON.objectNode().put("type", "Note").put("body", body);
        JsonNode answer = send(ams, paths, "POST", uri, note);
        return answer.path("noteId").asText(discussion);
    }

    private String existingDiscussion(AmsConnection ams, EzLynxPaths paths, String applicantId, String title) {
        JsonNode list = send(ams, paths, "GET", uris.uri(ams, paths.discussions() + "/by-applicant")
                + "?applicantId=" + URLEncoder.encode(applicantId, StandardCharsets.UTF_8), null);
        JsonNode rows = list.isArray() ? list : list.path("discussions");
        for (JsonNode row : rows) {
            String id = row.path("discussionId").asText(row.path("id").asText(""));
            if (!id.isBlank() && title.equalsIgnoreCase(row.path("title").asText("").trim())) {
                return id;
            }
        }
        return null;
    }

    /** The applicant as EZLynx has it now, or null when it does not exist (404). */
    private JsonNode applicant(AmsConnection ams, EzLynxPaths paths, String applicantId) {
        String uri = uris.uri(ams, paths.applicant(), applicantId, null);
        try {
            return send(ams, paths, "GET", uri, null);
        } catch (RuntimeCamelException e) {
            if (e.getCause() instanceof HttpOperationFailedException notFound && notFound.getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private boolean isCaller(JsonNode applicant, String callerE164, String region) {
        List<String> typed = new ArrayList<>();
        for (String field : PHONE_FIELDS) {
            JsonNode value = applicant.path(field);
            if (value.isTextual() && !value.asText().isBlank()) {
                typed.add(value.asText());
            }
        }
        return phones.hasNumber(typed, callerE164, region);
    }

    private static String name(JsonNode applicant) {
        String person = (applicant.path("FirstName").asText("") + " " + applicant.path("LastName").asText("")).trim();
        return person.isEmpty() ? applicant.path("CompanyName").asText("") : person;
    }

    /** EZLynx applicant ids are numbers; anything else is refused before any call. */
    private static String numericId(String id) {
        if (!id.matches("[0-9]{1,18}")) {
            throw new AmsTargetMismatchException("an EZLynx applicant id is a number");
        }
        try {
            return PathSegments.of("the EZLynx applicant id", id);
        } catch (EgressRefusedException e) {
            throw new AmsTargetMismatchException(e.getMessage());
        }
    }

    /** One call with the session's headers; EZLynx refusing the session (401) means authenticate once and resend. */
    private JsonNode send(AmsConnection ams, EzLynxPaths paths, String method, String uri, JsonNode body) {
        Reply reply = once(ams, paths, method, uri, body);
        if (reply.status() == 401) {
            sessions.invalidate(ams.orgId());
            reply = once(ams, paths, method, uri, body);
        }
        if (reply.status() >= 300) {
            throw new RuntimeCamelException(new HttpOperationFailedException(uri, reply.status(), "EZLynx " + method
                    + " answered HTTP " + reply.status(), null, reply.headers(), reply.body()));
        }
        try {
            return reply.body().isBlank() ? JSON.objectNode() : mapper.readTree(reply.body());
        } catch (IOException e) {
            throw new AmsUnavailableException("EZLynx answered HTTP " + reply.status() + " with something that is not JSON");
        }
    }

    private Reply once(AmsConnection ams, EzLynxPaths paths, String method, String uri, JsonNode body) {
        HttpUriRequestBase request = "POST".equals(method) ? new HttpPost(uri) : new HttpGet(uri);
        sessions.headers(ams, paths).forEach(request::setHeader);
        request.setHeader("Accept", "application/json");
        if (body != null) {
            request.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
        }
        try {
            return http.execute(request, r -> new Reply(r.getCode(),
                    r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8),
                    firstValues(r.getHeaders())));
        } catch (IOException e) {
            throw new AmsUnavailableException("EZLynx unreachable (" + e.getClass().getSimpleName() + ")");
        }
    }

    private record Reply(int status, String body, Map<String, String> headers) {
    }

    private static Map<String, String> firstValues(Header[] headers) {
        Map<String, String> first = new LinkedHashMap<>();
        for (Header header : headers) {
            first.putIfAbsent(header.getName(), header.getValue());
        }
        return first;
    }
}
