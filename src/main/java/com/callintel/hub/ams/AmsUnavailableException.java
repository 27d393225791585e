package com.callintel.hub.ams;

/** The AMS could not be reached or answered with a passing fault: the sync is retried later. */
public class AmsUnavailableException extends RuntimeException {

    public AmsUnavailableException(String reason) {
        super(reason, null, false, false);
    }
}
