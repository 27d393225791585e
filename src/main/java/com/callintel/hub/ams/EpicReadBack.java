package com.callintel.hub.ams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Applied Epic read-back (bean {@code epicReadBack}): before a sync writes again after a write whose outcome
 * the hub never learned, it asks Epic whether the note is there, by the ref every note carries. A first note is
 * looked for on the client's activities entered since the day before that write
 * ({@code GET /workflow-management/v1/clients/{clientId}/activities?enteredByDate_after=…}, then
 * {@code GET /activities/{id}/notes} of each); a follow-up on the sync's own activity. Both are Epic's published
 * reads (Workflow Management OpenAPI, scope {@code epic/activity:read}).
 */
@Component("epicReadBack")
public class EpicReadBack {

    static final String ACTIVITIES = "/workflow-management/v1/clients/{clientId}/activities";
    static final String NOTES = "/workflow-management/v1/activities/{id}/notes";
    private static final Logger log = LoggerFactory.getLogger(EpicReadBack.class);
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 5;

    private final CloseableHttpClient http;
    private final AmsRequestUris uris;
    private final AmsTokens tokens;
    private final ObjectMapper mapper;
    private final int maxOtherActivities;
    private final Duration clockSkew;

    EpicReadBack(CloseableHttpClient egressHttpClient, AmsRequestUris uris, AmsTokens tokens, ObjectMapper mapper,
                 @Value("${callintel.ams.read-back-other-activities:10}") int maxOtherActivities,
                 @Value("${callintel.ams.read-back-clock-skew:2m}") Duration clockSkew) {
        this.http = egressHttpClient;
        this.uris = uris;
        this.tokens = tokens;
        this.mapper = mapper;
        this.maxOtherActivities = maxOtherActivities;
        this.clockSkew = clockSkew;
    }

    /**
     * {@code {"readBack":"found","id":…}} (the activity holding the note) or {@code {"readBack":"absent"}}; an app
     * that may not read activities (403) cannot tell: {@code {"readBack":"unknown"}}, and the sync writes.
     */
    public String find(AmsRequest request, String authorization) throws IOException {
        AmsConnection ams = request.connection();
        Pattern ref = refPattern(request.ref() == null ? "" : request.ref());
        String recordId = request.recordId();
        try {
            if (recordId != null) {
                return notesHold(ams, authorization, recordId, ref) ? found(recordId) : verdict("absent");
            }
            for (String activity : recentActivities(ams, authorization, request)) {
                if (notesHold(ams, authorization, activity, ref)) {
                    return found(activity);
                }
            }
            return verdict("absent");
        } catch (Forbidden e) {
            log.warn("Applied Epic app of org {} may not read activities (no epic/activity:read): the note is written"
                    + " without a read-back", ams.orgId());
            return verdict("unknown");
        }
    }

    /**
     * The client's activities entered since the day before the unrecorded write (Epic filters by day), newest
     * first, less those Epic says were entered before the write began (allowing {@code read-back-clock-skew}): all
     * of the note's title, then at most {@code read-back-other-activities} of other titles.
     */
    private List<String> recentActivities(AmsConnection ams, String authorization, AmsRequest request) {
        Instant began = request.writeStartedAt();
        String since = began.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1).toString();
        String url = uris.uri(ams, ACTIVITIES, request.targetId(), null) + "?enteredByDate_after="
                + since + "&limit=" + PAGE;
        Instant earliest = began.minus(clockSkew);
        List<JsonNode> sameTitle = new ArrayList<>();
        List<JsonNode> others = new ArrayList<>();
        for (JsonNode activity : pages(ams, authorization, url, "activities")) {
            Instant entered = enteredAt(activity);
            if (!activity.path("id").asText("").isBlank() && (entered == null || !entered.isBefore(earliest))) {
                (activity.path("description").asText("").equals(request.description()) ? sameTitle : others)
                        .add(activity);
            }
        }
        Comparator<JsonNode> newestFirst = Comparator.comparing(EpicReadBack::enteredAt,
                Comparator.nullsLast(Comparator.reverseOrder()));
        sameTitle.sort(newestFirst);
        others.sort(newestFirst);
        // Epic keeps the title the hub sent, so the note is on one of those; a few others in case it did not
        List<String> ids = new ArrayList<>();
        sameTitle.forEach(a -> ids.add(a.path("id").asText()));
        others.stream().limit(maxOtherActivities).forEach(a -> ids.add(a.path("id").asText()));
        return ids;
    }

    /** {@code enteredBy.date} when Epic gives a date-time (its examples show a bare date too: then null). */
    private static Instant enteredAt(JsonNode activity) {
        try {
            return OffsetDateTime.parse(activity.path("enteredBy").path("date").asText("")).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private boolean notesHold(AmsConnection ams, String authorization, String activityId, Pattern ref) {
        String url = uris.uri(ams, NOTES, null, activityId) + "?limit=" + PAGE;
        for (JsonNode note : pages(ams, authorization, url, "notes")) {
            if (ref.matcher(note.path("content").asText("")).find()) {
                return true;
            }
        }
        return false;
    }

    /** The items of a HAL collection, page by page (offset), at most {@value #MAX_PAGES} pages; a 404 is none. */
    private List<JsonNode> pages(AmsConnection ams, String authorization, String firstPage, String embedded) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode body = get(ams, authorization, firstPage + (page == 0 ? "" : "&offset=" + page * PAGE));
            if (body == null) {
                break;
            }
            body.path("_embedded").path(embedded).forEach(items::add);
            if (items.size() >= body.path("total").asInt(0) || body.path("_embedded").path(embedded).size() < PAGE) {
                break;
            }
        }
        return items;
    }

    private JsonNode get(AmsConnection ams, String authorization, String url) {
        HttpGet request = new HttpGet(url);
        request.setHeader("Authorization", authorization);
        request.setHeader("Accept", "application/hal+json");
        Answer answer;
        try {
            answer = http.execute(request, r -> new Answer(r.getCode(),
                    r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new AmsUnavailableException("Applied Epic unreachable while reading notes back ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (answer.status() == 404) {
            return null;
        }
        if (answer.status() == 403) {
            throw new Forbidden();
        }
        if (answer.status() == 401) {
            tokens.invalidate(ams.orgId());
        }
        if (answer.status() != 200) {
            // unchecked for the bean's callers; AmsFailures reads the status through the wrapper
            throw new RuntimeCamelException(new HttpOperationFailedException(url, answer.status(),
                    "Applied Epic refused the read-back (HTTP " + answer.status() + ")", null, null, answer.body()));
        }
        try {
            return mapper.readTree(answer.body());
        } catch (IOException e) {
            throw new AmsUnavailableException("Applied Epic answered a read-back with something that is not JSON");
        }
    }

    /** The ref as a whole token: {@code …-call-17} is not {@code …-call-170}, nor the follow-up {@code …-call-17/v2}. */
    static Pattern refPattern(String ref) {
        if (ref.isBlank()) {
            throw new AmsRefusedException("the sync has no ref to read back by");
        }
        return Pattern.compile(Pattern.quote(ref) + "(?![A-Za-z0-9/_-])");
    }

    private String found(String id) {
        return mapper.createObjectNode().put("readBack", "found").put("id", id).toString();
    }

    private String verdict(String verdict) {
        return mapper.createObjectNode().put("readBack", verdict).toString();
    }

    private record Answer(int status, String body) {
    }

    private static final class Forbidden extends RuntimeException {
        Forbidden() {
            super(null, null, false, false);
        }
    }
}
