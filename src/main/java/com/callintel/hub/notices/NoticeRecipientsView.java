package com.callintel.hub.notices;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who the organization's notices are mailed to, as its admins see it on the Settings page: each address, and
 * whether it is an admin's (as they last signed in) or the organization's alert address.
 */
record NoticeRecipientsView(List<Recipient> recipients) {

    /**
     * One address; {@code as} is {@code admin} or {@code alert-address}. An admin's line has the {@code id} that
     * takes it off the list ({@code DELETE /api/admin/notice-recipients/{id}}); the alert address has none (Settings
     * changes it).
     */
    record Recipient(String address, String as, @JsonInclude(JsonInclude.Include.NON_NULL) String id) {
    }
}
