package com.callintel.hub.ams;

/** The AMS refused the request itself (bad credentials, invalid note): retrying cannot help, an admin must act. */
public class AmsRefusedException extends RuntimeException {

    public AmsRefusedException(String reason) {
        super(reason, null, false, false);
    }
}
