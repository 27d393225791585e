package com.callintel.hub.ai;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.calls.NoteIntelligence;
import org.springframework.stereotype.Component;

/** A call's latest analysis as the note shows it: actions as lines, and where the transcript was cut. */
@Component
class AnalysisNotes implements NoteIntelligence.Source {

    private final CallAnalyses analyses;

    AnalysisNotes(CallAnalyses analyses) {
        this.analyses = analyses;
    }

    @Override
    public Optional<NoteIntelligence> of(UUID orgId, long callId) {
        return analyses.latest(orgId, callId).map(stored -> {
            CallAnalysis a = stored.analysis();
            var actions = a.actions().stream()
                    .map(f -> f.text() + (f.due() == null ? "" : " (due " + f.due() + ")")).toList();
            NumberFormat n = NumberFormat.getIntegerInstance(Locale.US);
            String cut = stored.analysedChars() < stored.transcriptChars()
                    ? "(AI analysis of the first " + n.format(stored.analysedChars()) + " of "
                    + n.format(stored.transcriptChars()) + " transcript characters: the transcript was cut)"
                    : null;
            return new NoteIntelligence(a.summary(), a.intent(), a.sentiment(), actions, cut);
        });
    }
}
