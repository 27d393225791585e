package com.callintel.hub.processing;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

/**
 * Gathers what the split of a claimed batch normalized: the {@link RecordedEvent} of each event, in claim order,
 * as one list to record together. An event that failed normalization (already marked failed or sent back for a
 * retry by the route's error handling) has no such body and is left out.
 */
class BatchCollector implements AggregationStrategy {

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange collected, Exchange next) {
        // a fresh exchange carries the list: the first event's own (perhaps a handled failure, which would end
        // the claim's route once copied back) must not become the batch's result
        Exchange into = collected == null ? new DefaultExchange(next.getContext()) : collected;
        List<RecordedEvent> batch = collected == null ? new ArrayList<>() : into.getIn().getBody(List.class);
        if (next.getIn().getBody() instanceof RecordedEvent recorded) {
            batch.add(recorded);
        }
        into.getIn().setBody(batch);
        return into;
    }
}
