package com.callintel.hub.sandbox.ams;

/**
 * Which {@code PhoneNumber} values SearchByPhoneNumber accepts. Public material shows only 10 bare digits
 * ("5551234567"); whether AMS360 accepts E.164 or punctuation is unconfirmed, so the sandbox defaults to the
 * strict reading: anything but 10 digits silently finds nobody, which is what a connector that forgot to
 * normalise would meet in the worst case.
 */
public enum Ams360PhoneFormat {
    /** Exactly 10 digits; "+15555550123" or "(555) 555-0123" find no one (an empty list, no fault). */
    TEN_DIGITS,
    /** Exactly 10 digits; anything else is a WSAPIBusinessFault on PhoneNumber. */
    TEN_DIGITS_OR_FAULT,
    /** Punctuation, extension and a leading country code 1 are ignored. */
    ANY_FORMAT
}
