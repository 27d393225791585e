package com.callintel.hub.processing;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Gathers what the split of a claimed batch normalized: the {@link RecordedEvent} of each event, in claim order,
 * as one list to record together. An event that failed normalization (already marked failed or sent back for a
 * retry by the route's error handling) has no such body and is left out.
 */
class BatchCollector implements AggregationStrategy {

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange collected, Exchange next) {
        Exchange into = collected == null ? next : collected;
        List<RecordedEvent> batch = collected == null ? new ArrayList<>() : into.getIn().getBody(List.class);
        if (next.getIn().getBody() instanceof RecordedEvent recorded) {
            batch.add(recorded);
        }
        into.getIn().setBody(batch);
        return into;
    }
}
