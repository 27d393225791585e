package com.callintel.hub.sandbox.ams;

/** The slot a phone number was typed into in an agency's client record; each vendor names these slots its own way. */
public enum PhoneKind {
    HOME,
    WORK,
    MOBILE,
    FAX,
    OTHER
}
