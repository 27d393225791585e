package com.callintel.hub.sandbox.ams;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.callintel.hub.sandbox.ams.SimulatedClient.PostalAddress;

import static com.callintel.hub.sandbox.ams.PhoneKind.FAX;
import static com.callintel.hub.sandbox.ams.PhoneKind.HOME;
import static com.callintel.hub.sandbox.ams.PhoneKind.MOBILE;
import static com.callintel.hub.sandbox.ams.PhoneKind.OTHER;
import static com.callintel.hub.sandbox.ams.PhoneKind.WORK;

/**
 * The sandbox agency's client book shared by the AMS simulators: immutable, so every simulator thread may read it.
 * The default seed holds the callers of the demo webhooks (Marcus Bell, Priya Nandakumar, Helen Ortiz), Dana Rivera
 * of the shared AMS fixtures, a household whose two members share one number, and a business.
 */
public final class AmsSandboxData {

    /** Dana Rivera's id in the AMS360 fixtures (shared/fixtures/ams/ams360). */
    public static final String DANA_RIVERA_ID = "7d1e4f2a-5b3c-4e8d-9a10-2b3c4d5e6f70";
    /** The number Sam and Grace Okafor share, typed differently in each record: a lookup finds both. */
    public static final String SHARED_HOUSEHOLD_NUMBER = "+15555550177";

    private final List<SimulatedClient> clients;

    public AmsSandboxData(List<SimulatedClient> clients) {
        this.clients = List.copyOf(clients);
        if (clients.stream().map(SimulatedClient::id).distinct().count() != clients.size()) {
            throw new IllegalArgumentException("client ids must be unique");
        }
    }

    public static AmsSandboxData defaultSeed() {
        return new AmsSandboxData(List.of(
                person(DANA_RIVERA_ID, "0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f", 10452, "RIVEDA-01", "Dana", "Rivera",
                        new SimulatedPhone(MOBILE, "555-014-2398", "Personal cell"),
                        new SimulatedPhone(HOME, "(555) 018-7765", "Home")),
                // the same number typed twice, as agencies do: one client, not two matches
                person("1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7101", "2c8f3d51-4a0b-4e26-9d73-6b1f0e4c8201", 10453, "BELLMA-01",
                        "Marcus", "Bell",
                        new SimulatedPhone(MOBILE, "(555) 555-0123", "Cell"),
                        new SimulatedPhone(HOME, "5555550123", "Home")),
                person("1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7102", "2c8f3d51-4a0b-4e26-9d73-6b1f0e4c8202", 10454, "NANDPR-01",
                        "Priya", "Nandakumar",
                        new SimulatedPhone(WORK, "555.555.0188 x12", "Office"),
                        new SimulatedPhone(HOME, "555 555 0190", "Home")),
                person("1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7103", "2c8f3d51-4a0b-4e26-9d73-6b1f0e4c8203", 10455, "ORTIHE-01",
                        "Helen", "Ortiz",
                        new SimulatedPhone(HOME, "1-555-555-0142", "Home"),
                        new SimulatedPhone(OTHER, "(555) 555-0149", "Summer house")),
                person("1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7104", "2c8f3d51-4a0b-4e26-9d73-6b1f0e4c8204", 10456, "OKAFSA-01",
                        "Sam", "Okafor",
                        new SimulatedPhone(HOME, "555-555-0177", "Household line"),
                        new SimulatedPhone(MOBILE, "+1 (555) 555-0178", "Cell")),
                person("1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7105", "2c8f3d51-4a0b-4e26-9d73-6b1f0e4c8205", 10457, "OKAFGR-01",
                        "Grace", "Okafor",
                        new SimulatedPhone(HOME, "(555) 555-0177", "Household line"),
                        new SimulatedPhone(WORK, "555-555-0179 ext. 3", "Clinic")),
                new SimulatedClient("1b7e2c40-3f9a-4d15-8c62-5a0e9d3b7106", null, 10458, "NORTBA-01", null, null,
                        "Northside Bakery LLC", "orders@northside-bakery.example.com", true,
                        new PostalAddress("12 Market St", "Springfield", "IL", "62702"),
                        List.of(new SimulatedPhone(WORK, "(555) 555-0150", "Front desk"),
                                new SimulatedPhone(FAX, "(555) 555-0151", "Fax")))));
    }

    private static SimulatedClient person(String id, String contactId, int number, String lookupCode, String first,
            String last, SimulatedPhone... phones) {
        String email = first.toLowerCase() + "." + last.toLowerCase() + "@example.com";
        return new SimulatedClient(id, contactId, number, lookupCode, first, last, null, email, true,
                new PostalAddress(100 + number % 100 + " Example Ave", "Springfield", "IL", "62701"), List.of(phones));
    }

    public List<SimulatedClient> clients() {
        return clients;
    }

    public Optional<SimulatedClient> byId(String id) {
        return clients.stream().filter(c -> c.id().equalsIgnoreCase(String.valueOf(id))).findFirst();
    }

    /** Every client with at least one phone whose 10-digit national number is {@code nationalDigits}. */
    public List<SimulatedClient> byNationalNumber(String nationalDigits) {
        return clients.stream().filter(c -> !c.phonesMatching(nationalDigits).isEmpty()).toList();
    }

    /** The same book with one client's id changed, e.g. to the id another vendor's fixture uses. */
    public AmsSandboxData withClientId(String currentId, String newId) {
        List<SimulatedClient> copy = new ArrayList<>(clients);
        copy.replaceAll(c -> c.id().equals(currentId) ? c.withId(newId) : c);
        return new AmsSandboxData(copy);
    }
}
