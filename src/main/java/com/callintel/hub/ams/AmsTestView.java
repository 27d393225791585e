package com.callintel.hub.ams;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

/**
 * The outcome of an admin's Test connection ({@link AmsConnectionCheck}): {@code type} and {@code ok} (true, false,
 * or null when the type has no live test) always; the rest only where the AMS type or the outcome has it.
 *
 * @param reason            why it failed, in the fixed vocabulary
 * @param authScheme        EZLynx: the scheme the credentials signed in with
 * @param noteAccessLevels  Applied Epic: the agency's note access levels
 * @param noteAccessLevelId Applied Epic: the level notes are written with; empty (written as null) when the agency
 *                          lists none, absent for other AMS types
 */
public record AmsTestView(String type, Boolean ok, @JsonInclude(NON_NULL) String detail,
                          @JsonInclude(NON_NULL) String reason, @JsonInclude(NON_NULL) String authScheme,
                          @JsonInclude(NON_NULL) Lookup lookup,
                          @JsonInclude(NON_NULL) List<EpicNoteAccessLevels.AccessLevel> noteAccessLevels,
                          @JsonInclude(NON_NULL) Optional<String> noteAccessLevelId) {

    /** A live lookup of the admin's number: the candidates' names and ids, nothing kept. */
    public record Lookup(String number, List<Candidate> candidates, @JsonInclude(NON_NULL) String detail) {
    }

    public record Candidate(String name, String id) {
    }

    static AmsTestView of(String type) {
        return new AmsTestView(type, null, null, null, null, null, null, null);
    }

    AmsTestView signedIn() {
        return new AmsTestView(type, true, detail, reason, authScheme, lookup, noteAccessLevels, noteAccessLevelId);
    }

    AmsTestView untested(String why) {
        return new AmsTestView(type, null, why, reason, authScheme, lookup, noteAccessLevels, noteAccessLevelId);
    }

    AmsTestView signedInWith(String scheme) {
        return new AmsTestView(type, true, detail, reason, scheme, lookup, noteAccessLevels, noteAccessLevelId);
    }

    AmsTestView levels(List<EpicNoteAccessLevels.AccessLevel> levels, String chosen) {
        return new AmsTestView(type, true, detail, reason, authScheme, lookup, levels, Optional.ofNullable(chosen));
    }

    /** The lookup answered: the connection works, whatever the sign-in test said. */
    AmsTestView lookedUp(Lookup found) {
        return new AmsTestView(type, true, null, reason, authScheme, found, noteAccessLevels, noteAccessLevelId);
    }

    AmsTestView failed(String why) {
        return new AmsTestView(type, false, detail, why, authScheme, lookup, noteAccessLevels, noteAccessLevelId);
    }
}
