package com.callintel.hub.processing;

/** A stored event its connector cannot turn into canonical form; the event is marked failed with this reason. */
public class NormalizationException extends RuntimeException {

    public NormalizationException(String reason) {
        super(reason, null, false, false);
    }
}
