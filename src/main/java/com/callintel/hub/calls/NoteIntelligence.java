package com.callintel.hub.calls;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What an AI analysis adds to a call's note: a summary (used where the provider gave none), the caller's intent
 * and sentiment, the follow-up actions as lines, and a notice when the analysis read only part of the transcript.
 */
public record NoteIntelligence(String summary, String intent, String sentiment, List<String> actions, String cutNotice) {

    /** Where the analyses come from; the call records know none of how they are made. */
    public interface Source {
        Optional<NoteIntelligence> of(UUID orgId, long callId);
    }
}
