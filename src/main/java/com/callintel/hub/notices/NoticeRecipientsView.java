package com.callintel.hub.notices;

import java.util.List;

/**
 * Who the organization's notices are mailed to, as its admins see it on the Settings page: each address, and
 * whether it is an admin's (as they last signed in) or the organization's alert address.
 */
record NoticeRecipientsView(List<Recipient> recipients) {

    /** One address; {@code as} is {@code admin} or {@code alert-address}. */
    record Recipient(String address, String as) {
    }
}
