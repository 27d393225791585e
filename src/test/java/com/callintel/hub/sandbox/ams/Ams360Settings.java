package com.callintel.hub.sandbox.ams;

import java.util.Set;

/**
 * The AMS360 behaviours public material leaves unconfirmed, made explicit so the later connector can be tested
 * against each reading: search result entity type, accepted phone format, valid activity actions (agency-defined),
 * text length caps, the HTTP status of SOAP faults and the fault message texts.
 */
record Ams360Settings(Ams360Credentials credentials, String entityType, Ams360PhoneFormat phoneFormat,
        Set<String> activityActions, int maxDescriptionLength, int maxNoteTextLength, int faultHttpStatus,
        String loginFailureMessage, String ticketExpiredMessage) {

    Ams360Settings {
        activityActions = Set.copyOf(activityActions);
    }

    /** True when {@code action} is one of the agency's codes; an empty set accepts any non-blank action. */
    boolean knowsAction(String action) {
        return activityActions.isEmpty() || activityActions.contains(action);
    }
}
