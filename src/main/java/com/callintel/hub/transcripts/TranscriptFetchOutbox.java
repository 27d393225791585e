package com.callintel.hub.transcripts;

import com.callintel.hub.calls.CallOutboxStep;
import org.springframework.stereotype.Component;

/** The transcript fetch queue's step in recording a call ({@link TranscriptFetches#FETCH_DUE}). */
@Component
class TranscriptFetchOutbox implements CallOutboxStep {

    @Override
    public String afterCall() {
        return TranscriptFetches.FETCH_DUE;
    }
}
