package com.callintel.hub.processing;

import java.util.List;

import com.callintel.hub.calls.CallEvent;
import com.callintel.hub.calls.SmsEvent;

/** What one provider event became: call and SMS events, or nothing with the reason it was ignored. */
public record NormalizedEvents(List<CallEvent> calls, List<SmsEvent> messages, String ignoredReason) {

    public boolean ignored() {
        return calls.isEmpty() && messages.isEmpty();
    }
}
