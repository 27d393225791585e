package com.callintel.hub.processing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.callintel.hub.calls.CallEvent;
import com.callintel.hub.calls.SmsEvent;

/**
 * The events of one claimed batch that were recorded, in claim order: the body the analytics and screen-pop
 * wire-taps receive after process-record.
 */
public record ProcessedBatch(List<RecordedEvent> events) {

    /**
     * Every call and SMS the batch touched, once each (the last event of each wins): analytics re-derives its
     * facts from the records, so one mention per record is enough however many events of it the batch held.
     */
    public NormalizedEvents touched() {
        Map<List<Object>, CallEvent> calls = new LinkedHashMap<>();
        Map<List<Object>, SmsEvent> messages = new LinkedHashMap<>();
        for (RecordedEvent recorded : events) {
            for (CallEvent call : recorded.normalized().calls()) {
                calls.put(List.of(call.orgId(), call.provider(), call.providerCallId()), call);
            }
            for (SmsEvent sms : recorded.normalized().messages()) {
                messages.put(List.of(sms.orgId(), sms.provider(), sms.providerMessageId()), sms);
            }
        }
        return new NormalizedEvents(new ArrayList<>(calls.values()), new ArrayList<>(messages.values()), "");
    }
}
