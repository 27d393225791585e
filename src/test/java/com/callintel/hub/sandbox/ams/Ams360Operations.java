package com.callintel.hub.sandbox.ams;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

import com.callintel.hub.sandbox.ams.Ams360Fault.Detail;
import com.callintel.hub.sandbox.ams.CreatedRecord.Kind;
import com.callintel.hub.sandbox.ams.SoapRequest.Members;

/**
 * The business operations of the AMS360 simulator on the client book: SearchByPhoneNumber, CustomerGetById,
 * CustomerActivityInsert and CustomerNoteInsert, with the validation rules of the vendor's portal docs
 * answered as WSAPIBusinessFault and unreadable typed values as WCF deserialization faults.
 */
final class Ams360Operations {

    static final List<String> CUSTOMER_ACTIVITY = List.of("ActivityDate", "ActivityTime", "ClaimId", "CompanyCode",
            "Description", "CustomerId", "ActivityAction", "EmployeeCode", "TransactionEffectiveDate", "PolicyId",
            "ActivityId", "Attachments");
    static final List<String> CUSTOMER_NOTE = List.of("CustomerId", "NoteText", "NoteDate", "NoteId", "PurgeDate",
            "Priority", "Attachment", "IsSticky", "ClaimId", "PolicyId", "IsNoteTruncated");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final Pattern TEN_DIGITS = Pattern.compile("\\d{10}");
    private static final Map<PhoneKind, String> LABELS = Map.of(PhoneKind.HOME, "Home", PhoneKind.WORK, "Business",
            PhoneKind.MOBILE, "Cell", PhoneKind.FAX, "Fax", PhoneKind.OTHER, "Pager");

    private final Ams360Simulator simulator;
    private final Ams360Settings settings;
    // DatatypeFactory is not documented as thread-safe; one per worker thread
    private final ThreadLocal<DatatypeFactory> xsd = ThreadLocal.withInitial(Ams360Operations::datatypeFactory);

    Ams360Operations(Ams360Simulator simulator, Ams360Settings settings) {
        this.simulator = simulator;
        this.settings = settings;
    }

    String searchByPhoneNumber(SoapRequest soap) {
        String phone = SoapRequest.members(soap.request(), List.of("PhoneNumber")).typed("PhoneNumber");
        if (phone == null || phone.isEmpty()) {
            throw Ams360Fault.business("PhoneNumber is required", List.of(new Detail("PhoneNumber is required", "PhoneNumber", "")));
        }
        String national = switch (settings.phoneFormat()) {
            case TEN_DIGITS -> TEN_DIGITS.matcher(phone).matches() ? phone : null;
            case TEN_DIGITS_OR_FAULT -> {
                if (!TEN_DIGITS.matcher(phone).matches()) {
                    throw Ams360Fault.business("Validation failed for SearchByPhoneNumber",
                            List.of(new Detail("PhoneNumber must be 10 digits", "PhoneNumber", phone)));
                }
                yield phone;
            }
            case ANY_FORMAT -> SimulatedPhone.nationalDigits(phone);
        };
        List<Map<String, String>> hits = new ArrayList<>();
        if (national != null) {
            for (SimulatedClient client : simulator.data().byNationalNumber(national)) {
                SimulatedPhone matched = client.phonesMatching(national).get(0);
                Map<String, String> hit = new LinkedHashMap<>();
                hit.put("entityId", client.id());
                hit.put("entityType", settings.entityType());
                hit.put("description", (client.firmName() != null ? client.firmName()
                        : client.lastName() + ", " + client.firstName()) + " (#" + client.customerNumber() + ")");
                hit.put("searchResultText", LABELS.get(matched.kind()) + ": " + matched.formatted());
                hits.add(hit);
            }
        }
        return Ams360Templates.searchResponse(hits);
    }

    String customerGetById(SoapRequest soap) {
        String id = guid(SoapRequest.members(soap.request(), List.of("CustomerId")).typed("CustomerId"));
        SimulatedClient c = simulator.data().byId(id).orElseThrow(() -> Ams360Fault.business("Customer not found",
                List.of(new Detail("No customer with this CustomerId is accessible", "CustomerId", String.valueOf(id)))));
        List<Map.Entry<String, String>> f = new ArrayList<>();
        f.add(field("IsActive", Boolean.toString(c.active())));
        f.add(field("AddressLine1", c.address() == null ? null : c.address().line1()));
        f.add(field("AddressLine2", null));
        phoneFields(f, "Business", c.phone(PhoneKind.WORK));
        f.add(field("City", c.address() == null ? null : c.address().city()));
        f.add(field("AccountRepCode", "CSR01"));
        f.add(field("CustomerId", c.id()));
        f.add(field("CustomerNumber", Integer.toString(c.customerNumber())));
        f.add(field("Email", c.email()));
        phoneFields(f, "Fax", c.phone(PhoneKind.FAX));
        f.add(field("FirmName", c.firmName()));
        f.add(field("FirstName", c.firstName()));
        f.add(field("LastName", c.lastName()));
        phoneFields(f, "Cell", c.phone(PhoneKind.MOBILE));
        phoneFields(f, "Pager", c.phone(PhoneKind.OTHER));
        f.add(field("AccountExecCode", "AE007"));
        phoneFields(f, "Home", c.phone(PhoneKind.HOME));
        f.add(field("State", c.address() == null ? null : c.address().state()));
        f.add(field("CustomerType", c.firmName() != null ? "C" : "P"));
        f.add(field("ZipCode", c.address() == null ? null : c.address().zipCode()));
        return Ams360Templates.customerResponse(f);
    }

    String customerActivityInsert(SoapRequest soap) {
        Members request = SoapRequest.members(soap.request(), List.of("CustomerActivity"));
        Members activity = SoapRequest.members(request.element("CustomerActivity"), CUSTOMER_ACTIVITY);
        List<Detail> problems = new ArrayList<>();
        String customerId = knownCustomer(activity, problems);
        if (activity.typed("ActivityDate") == null) {
            problems.add(new Detail("ActivityDate is required", "ActivityDate", String.valueOf(customerId)));
        }
        dateTime(activity.typed("ActivityDate"));
        duration(activity.typed("ActivityTime"));
        String action = activity.text("ActivityAction");
        if (action == null || action.isBlank() || !settings.knowsAction(action)) {
            problems.add(new Detail("ActivityAction is not a valid value", "ActivityAction", String.valueOf(customerId)));
        }
        String description = activity.text("Description");
        if (description == null || description.isBlank()) {
            problems.add(new Detail("Description is required", "Description", String.valueOf(customerId)));
        } else if (description.length() > settings.maxDescriptionLength()) {
            problems.add(new Detail("Description exceeds " + settings.maxDescriptionLength() + " characters",
                    "Description", String.valueOf(customerId)));
        }
        policyAndClaim(activity, customerId, problems);
        if (!problems.isEmpty()) {
            throw Ams360Fault.business("Validation failed for CustomerActivity", problems);
        }
        String activityId = UUID.randomUUID().toString();
        simulator.recordCreated(new CreatedRecord(Kind.ACTIVITY, activityId, customerId, null, description,
                simulator.clock().instant()));
        return Ams360Templates.activityInserted(activityId);
    }

    String customerNoteInsert(SoapRequest soap) {
        Members request = SoapRequest.members(soap.request(), List.of("CustomerNote"));
        Members note = SoapRequest.members(request.element("CustomerNote"), CUSTOMER_NOTE);
        List<Detail> problems = new ArrayList<>();
        String customerId = knownCustomer(note, problems);
        String text = note.text("NoteText");
        if (text == null || text.isBlank()) {
            problems.add(new Detail("NoteText is required", "NoteText", String.valueOf(customerId)));
        } else if (text.length() > settings.maxNoteTextLength()) {
            problems.add(new Detail("NoteText exceeds " + settings.maxNoteTextLength() + " characters", "NoteText",
                    String.valueOf(customerId)));
        }
        dateTime(note.typed("NoteDate"));
        XMLGregorianCalendar purge = dateTime(note.typed("PurgeDate"));
        LocalDate today = LocalDate.ofInstant(simulator.clock().instant(), ZoneOffset.UTC);
        if (purge != null && LocalDate.of(purge.getYear(), purge.getMonth(), purge.getDay()).isBefore(today)) {
            problems.add(new Detail("PurgeDate must be today or later", "PurgeDate", String.valueOf(customerId)));
        }
        String priority = note.typed("Priority");
        if (priority != null && !List.of("N", "C", "L").contains(priority)) {
            problems.add(new Detail("Priority is not a valid value", "Priority", String.valueOf(customerId)));
        }
        policyAndClaim(note, customerId, problems);
        if (!problems.isEmpty()) {
            throw Ams360Fault.business("Validation failed for CustomerNote", problems);
        }
        String noteId = UUID.randomUUID().toString();
        simulator.recordCreated(new CreatedRecord(Kind.NOTE, noteId, customerId, null, text, simulator.clock().instant()));
        return Ams360Templates.noteInserted(noteId);
    }

    /** The CustomerId when it names a client of the book; otherwise a problem is noted and null returned. */
    private String knownCustomer(Members members, List<Detail> problems) {
        String id = guid(members.typed("CustomerId"));
        if (id == null || simulator.data().byId(id).isEmpty()) {
            problems.add(new Detail("Customer not found or not in a division the WSAPI user can access", "CustomerId",
                    String.valueOf(id)));
            return null;
        }
        return id;
    }

    // The sandbox book has no policies or claims, so any PolicyId is unknown; the dependency rules come first.
    private void policyAndClaim(Members members, String customerId, List<Detail> problems) {
        String policyId = guid(members.typed("PolicyId"));
        String claimId = guid(members.typed("ClaimId"));
        boolean effectiveDate = dateTime(members.typed("TransactionEffectiveDate")) != null;
        String key = String.valueOf(customerId);
        if (claimId != null && (policyId == null || !effectiveDate)) {
            problems.add(new Detail("ClaimId requires PolicyId and TransactionEffectiveDate", "ClaimId", key));
        } else if (policyId != null && !effectiveDate) {
            problems.add(new Detail("PolicyId requires TransactionEffectiveDate", "TransactionEffectiveDate", key));
        } else if (policyId != null) {
            problems.add(new Detail("Policy not found", "PolicyId", policyId));
        }
    }

    private static void phoneFields(List<Map.Entry<String, String>> fields, String prefix, SimulatedPhone phone) {
        fields.add(field(prefix + "AreaCode", phone == null ? null : phone.areaCode()));
        fields.add(field(prefix + "Extension", phone == null || phone.extension().isEmpty() ? null : phone.extension()));
        fields.add(field(prefix + "Phone", phone == null ? null : phone.localNumber()));
    }

    private static Map.Entry<String, String> field(String name, String value) {
        return new SimpleEntry<>(name, value);
    }

    private static String guid(String value) {
        if (value != null && !GUID.matcher(value).matches()) {
            throw Ams360Fault.cannotDeserialize(value, "Guid");
        }
        return value;
    }

    /** An xsd:dateTime ("2026-03-04T00:00:00"); other lexical forms, even valid XSD dates, do not deserialize. */
    private XMLGregorianCalendar dateTime(String value) {
        try {
            XMLGregorianCalendar parsed = value == null ? null : xsd.get().newXMLGregorianCalendar(value);
            if (parsed != null && !DatatypeConstants.DATETIME.equals(parsed.getXMLSchemaType())) {
                throw new IllegalArgumentException(value);
            }
            return parsed;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw Ams360Fault.cannotDeserialize(value, "DateTime");
        }
    }

    private static DatatypeFactory datatypeFactory() {
        try {
            return DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private void duration(String value) {
        try {
            if (value != null) {
                xsd.get().newDuration(value);
            }
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw Ams360Fault.cannotDeserialize(value, "TimeSpan");
        }
    }
}
