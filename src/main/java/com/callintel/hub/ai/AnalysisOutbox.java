package com.callintel.hub.ai;

import com.callintel.hub.calls.CallOutboxStep;
import org.springframework.stereotype.Component;

/** The AI analysis queue's step in recording a call ({@link CallAnalyses#ANALYSIS_DUE}). */
@Component
class AnalysisOutbox implements CallOutboxStep {

    @Override
    public String afterCall() {
        return CallAnalyses.ANALYSIS_DUE;
    }
}
