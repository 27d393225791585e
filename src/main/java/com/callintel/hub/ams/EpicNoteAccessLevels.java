package com.callintel.hub.ams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
 * The note access level of an Applied Epic connection (bean {@code epicNoteAccessLevels}). Access levels are
 * agency-configured, so the hub writes notes with the level the agency chose from its own list
 * ({@code GET /workflow-management/v1/activities/notes/access-levels}, listed by the admin API's connection test)
 * and kept as the connection's noteAccessLevelId setting. A connection without a choice takes, once, the level
 * the agency calls "General" (or its only level) and keeps it; with neither, notes are refused until an admin
 * chooses: a note is never written under a level the agency did not pick.
 */
@Component("epicNoteAccessLevels")
public class EpicNoteAccessLevels {

    /** One access level of the agency's list. */
    public record AccessLevel(String id, String description) {
    }

    static final String SETTING = "noteAccessLevelId";
    static final String PATH = "/workflow-management/v1/activities/notes/access-levels";
    private static final Logger log = LoggerFactory.getLogger(EpicNoteAccessLevels.class);
    private static final String DEFAULT_DESCRIPTION = "General";
    /** Longest access-level id or description kept (Epic's descriptions are short labels). */
    private static final int MAX_TEXT = 100;

    private final CloseableHttpClient http;
    private final AmsRequestUris uris;
    private final AmsTokens tokens;
    private final AmsConnectionRepository connections;
    private final ObjectMapper mapper;
    private final int listLimit;

    EpicNoteAccessLevels(CloseableHttpClient egressHttpClient, AmsRequestUris uris, AmsTokens tokens,
                         AmsConnectionRepository connections, ObjectMapper mapper,
                         @Value("${callintel.ams.epic-access-level-limit:500}") int listLimit) {
        this.http = egressHttpClient;
        this.uris = uris;
        this.tokens = tokens;
        this.connections = connections;
        this.mapper = mapper;
        this.listLimit = listLimit;
    }

    /**
     * The level notes of {@code ams} are written with: the agency's choice, or the default taken from its list
     * (kept with the connection). {@code authorization} is the connector's "Bearer …" header.
     */
    public String chosen(AmsConnection ams, String authorization) {
        String choice = ams.setting(SETTING, null);
        if (choice != null) {
            return choice.trim();
        }
        AccessLevel level = defaultOf(listForDefault(ams, authorization)).orElseThrow(() -> new AmsRefusedException(
                "the Applied Epic connection has no noteAccessLevelId and the agency's note access levels name no"
                        + " 'General' level: an admin chooses one in the connection test"));
        if (connections.rememberSetting(ams.orgId(), ams.updatedAt(), SETTING, level.id())) {
            log.info("Applied Epic connection of org {} now writes notes with access level {} ('{}') from the agency's list",
                    ams.orgId(), level.id(), level.description());
        }
        return level.id();
    }

    /**
     * The list a default is taken from. An app without {@code epic/activity:read} may not list the levels (403):
     * that is the connection's settings to complete (an admin names the level), not credentials Epic refused.
     */
    private List<AccessLevel> listForDefault(AmsConnection ams, String authorization) {
        try {
            return list(ams, authorization);
        } catch (RuntimeCamelException e) {
            if (e.getCause() instanceof HttpOperationFailedException failed && failed.getStatusCode() == 403) {
                throw new AmsRefusedException("the Applied Epic app may not list note access levels (no "
                        + "epic/activity:read) and the connection names no noteAccessLevelId: an admin sets one");
            }
            throw e;
        }
    }

    /** The agency's note access levels as Epic lists them for the hub's app. */
    public List<AccessLevel> list(AmsConnection ams, String authorization) {
        String url = uris.uri(ams, PATH) + "?limit=" + listLimit;
        HttpGet request = new HttpGet(url);
        request.setHeader("Authorization", authorization);
        request.setHeader("Accept", "application/hal+json");
        Answer answer;
        try {
            answer = http.execute(request, r -> new Answer(r.getCode(),
                    r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new AmsUnavailableException("Applied Epic unreachable while listing note access levels ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (answer.status() == 401) {
            tokens.invalidate(ams.orgId());
        }
        if (answer.status() != 200) {
            // unchecked for the bean's callers; AmsFailures reads the status through the wrapper
            throw new RuntimeCamelException(new HttpOperationFailedException(url, answer.status(),
                    "Applied Epic listed no note access levels (HTTP " + answer.status() + ")", null, null, answer.body()));
        }
        List<AccessLevel> levels = new ArrayList<>();
        try {
            for (JsonNode level : mapper.readTree(answer.body()).path("_embedded").path("accessLevels")) {
                String id = level.path("id").asText("");
                // an id is one short token and the list one page: what reaches an admin's screen stays bounded
                if (!id.isBlank() && id.length() <= MAX_TEXT && levels.size() < listLimit) {
                    String description = level.path("description").asText("");
                    levels.add(new AccessLevel(id, description.length() > MAX_TEXT ? description.substring(0, MAX_TEXT) : description));
                }
            }
        } catch (IOException e) {
            throw new AmsUnavailableException("Applied Epic answered the note access levels with something that is not JSON");
        }
        return levels;
    }

    /** The level a connection without a choice takes: the one described "General", else the only one. */
    static Optional<AccessLevel> defaultOf(List<AccessLevel> levels) {
        Optional<AccessLevel> general = levels.stream()
                .filter(l -> l.description().trim().toLowerCase(Locale.ROOT).equals(DEFAULT_DESCRIPTION.toLowerCase(Locale.ROOT)))
                .findFirst();
        return general.isPresent() || levels.size() != 1 ? general : Optional.of(levels.get(0));
    }

    private record Answer(int status, String body) {
    }
}
