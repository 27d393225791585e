package com.callintel.hub.processing;

/** One claimed event and the canonical calls and SMS its connector made of it, ready to be recorded. */
public record RecordedEvent(QueuedEvent event, NormalizedEvents normalized) {
}
