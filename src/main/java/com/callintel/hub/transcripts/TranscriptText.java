package com.callintel.hub.transcripts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * A fetched transcript as the call's text: plain text as it came, or Zoom's JSON transcript ({@code timeline[]} of
 * {@code {text, users[] {username}}}) as one "Speaker: text" line per entry. Anything else is no transcript.
 */
@Component
class TranscriptText {

    /** The body is not a transcript the hub can read. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    private final ObjectMapper mapper;

    TranscriptText(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String read(TranscriptDownload.Fetched fetched) {
        String text = switch (fetched.mediaType()) {
            case "text/plain" -> new String(fetched.body(), StandardCharsets.UTF_8).strip();
            case "application/json" -> timeline(fetched.body());
            default -> throw new Unreadable("the link answered " + (fetched.mediaType().isEmpty() ? "no media type"
                    : fetched.mediaType()) + ", not a transcript");
        };
        if (text.isEmpty()) {
            throw new Unreadable("the transcript is empty");
        }
        return text;
    }

    private String timeline(byte[] body) {
        JsonNode transcript;
        try {
            transcript = mapper.readTree(body);
        } catch (IOException e) {
            throw new Unreadable("the transcript is not valid JSON");
        }
        JsonNode timeline = transcript == null ? null : transcript.path("timeline");
        if (timeline == null || !timeline.isArray()) {
            throw new Unreadable("the transcript's JSON has no timeline");
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode entry : timeline) {
            String said = entry.path("text").asText("").strip();
            if (!said.isEmpty()) {
                String speaker = entry.path("users").path(0).path("username").asText("").strip();
                lines.add(speaker.isEmpty() ? said : speaker + ": " + said);
            }
        }
        return String.join("\n", lines);
    }
}
