package com.callintel.hub.sandbox.ams;

import java.util.List;

/**
 * A fake client of the sandbox agency, the one record every simulated AMS renders in its own vocabulary
 * (AMS360 Customer, Applied Epic account + contact, generic REST applicant). {@code firmName} is set for
 * businesses, {@code contactId} names the person Epic reports a phone match on (null: the match is on the account).
 */
public record SimulatedClient(String id, String contactId, int customerNumber, String lookupCode, String firstName,
        String lastName, String firmName, String email, boolean active, PostalAddress address,
        List<SimulatedPhone> phones) {

    /** Street address as AMS360 splits it. */
    public record PostalAddress(String line1, String city, String state, String zipCode) {
    }

    public SimulatedClient {
        if (id == null || lookupCode == null || phones == null) {
            throw new IllegalArgumentException("a client needs an id, a lookup code and a phone list");
        }
        phones = List.copyOf(phones);
    }

    /** "Dana Rivera", or the firm name of a business. */
    public String displayName() {
        return firmName != null ? firmName : firstName + " " + lastName;
    }

    /** The phones whose national number equals {@code nationalDigits}, in the order they were typed. */
    public List<SimulatedPhone> phonesMatching(String nationalDigits) {
        return phones.stream().filter(p -> p.national().equals(nationalDigits)).toList();
    }

    /** The first phone typed into {@code kind}'s slot, or null. */
    public SimulatedPhone phone(PhoneKind kind) {
        return phones.stream().filter(p -> p.kind() == kind).findFirst().orElse(null);
    }

    public SimulatedClient withId(String newId) {
        return new SimulatedClient(newId, contactId, customerNumber, lookupCode, firstName, lastName, firmName, email,
                active, address, phones);
    }
}
