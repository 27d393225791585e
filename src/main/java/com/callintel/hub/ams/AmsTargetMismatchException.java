package com.callintel.hub.ams;

/**
 * The record an agent chose for a note is not the caller's: the AMS, asked live, shows none of the caller's numbers
 * on it. Nothing was written; the sync waits for another choice (it is not an AMS failure).
 */
public class AmsTargetMismatchException extends AmsRefusedException {

    public AmsTargetMismatchException(String message) {
        super(message);
    }
}
