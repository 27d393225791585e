package com.callintel.hub.ams;

/**
 * What an {@link AmsRequest} asks of the connector. A connector's {@code choice} compares the request's operation
 * with these names ({@code ${variable.amsRequest.operation} == 'follow-up'}): {@link #toString()} is the name. A
 * read-back branch asks {@code ${variable.amsRequest.operation.isReadBack()}} (Spring's conversion, which Camel
 * falls back on, writes an enum by its constant, so {@code startsWith 'read-back-'} would never match).
 */
public enum AmsOperation {

    /** The candidate clients whose phone is the caller's. */
    LOOKUP("lookup"),
    /** Whether the record an agent named shows the caller's number (AMS types without a phone search). */
    CONFIRM("confirm"),
    /** The first note of a call or SMS. */
    CREATE("create"),
    /** Later content of a call on the record {@code create} answered. */
    FOLLOW_UP("follow-up"),
    /** Before a create whose earlier attempt went unrecorded: does the AMS hold its note? */
    READ_BACK_CREATE("read-back-create"),
    /** Before a follow-up whose earlier attempt went unrecorded. */
    READ_BACK_FOLLOW_UP("read-back-follow-up");

    private final String name;

    AmsOperation(String name) {
        this.name = name;
    }

    /** Whether the connector is asked whether the AMS holds the note already. */
    public boolean isReadBack() {
        return this == READ_BACK_CREATE || this == READ_BACK_FOLLOW_UP;
    }

    /** The read-back that precedes this write. */
    AmsOperation asReadBack() {
        return switch (this) {
            case CREATE -> READ_BACK_CREATE;
            case FOLLOW_UP -> READ_BACK_FOLLOW_UP;
            default -> throw new IllegalStateException("only a write is read back, not " + name);
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
