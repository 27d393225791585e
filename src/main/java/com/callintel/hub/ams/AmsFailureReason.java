package com.callintel.hub.ams;

/**
 * The fixed vocabulary a tenant (an agent reading {@code /api/ams-syncs}, an admin reading the alert mail, a
 * screen pop) sees for a failed AMS call. Never a response body or an exception message: a tenant chooses the
 * AMS's URL, so whatever answered there must not be echoed back (that made the hub an internal port scanner).
 * The details go to the operator log, with the organization and the sync.
 */
public enum AmsFailureReason {

    UNREACHABLE("AMS unreachable"),
    TIMED_OUT("AMS timed out"),
    CREDENTIALS_REFUSED("AMS refused the credentials"),
    REJECTED("AMS rejected the request"),
    RATE_LIMITED("AMS is rate-limiting"),
    AMS_ERROR("AMS answered with an error"),
    UNEXPECTED_ANSWER("AMS answered an unexpected response"),
    CIRCUIT_OPEN("circuit open: the AMS failed too often"),
    BUSY("too many AMS calls of the organization at once"),
    EGRESS_REFUSED("not allowed by the egress policy"),
    NO_CONNECTION("no AMS connection"),
    SETTINGS("the AMS connection's settings are incomplete or invalid"),
    SOURCE_GONE("the call or SMS no longer exists"),
    TARGET_MISMATCH("the chosen AMS record has none of the caller's numbers"),
    HUB_ERROR("the hub could not complete the AMS call");

    private final String text;

    AmsFailureReason(String text) {
        this.text = text;
    }

    /** The phrase shown to tenants. */
    public String text() {
        return text;
    }

    /** The phrase with the AMS's HTTP status, a number from a fixed range: "AMS rejected the request (HTTP 422)". */
    public String withStatus(int status) {
        return text + " (HTTP " + status + ")";
    }
}
