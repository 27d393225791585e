package com.callintel.hub.ams;

import java.util.List;
import java.util.Map;

/**
 * Writes the SOAP 1.1 request envelopes of AMS360 WSAPI v3 (document/literal, namespaces as in the WSDL): the
 * WSAPISession ticket header and the operation's {@code Request}, its data-contract members in XSD sequence order,
 * because WCF reads them in that order and silently skips one that comes too late.
 */
final class Ams360Envelopes {

    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String WSAPI_NS = "http://www.WSAPI.AMS360.com/v3.0";
    static final String DATA_CONTRACT_NS = WSAPI_NS + "/DataContract";
    static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    /** What AMS360 wants in a guid it generates itself (ActivityId, NoteId on insert). */
    static final String NO_GUID = "00000000-0000-0000-0000-000000000000";

    /** The WSAPI operations the connector uses: the data contract inside {@code Request} and its XSD sequence. */
    enum Operation {
        LOGIN("Login", null, List.of("AgencyNo", "LoginId", "Password", "EmployeeCode")),
        SEARCH_BY_PHONE_NUMBER("SearchByPhoneNumber", null, List.of("PhoneNumber")),
        CUSTOMER_ACTIVITY_INSERT("CustomerActivityInsert", "CustomerActivity", List.of("ActivityDate", "ActivityTime",
                "ClaimId", "CompanyCode", "Description", "CustomerId", "ActivityAction", "EmployeeCode",
                "TransactionEffectiveDate", "PolicyId", "ActivityId", "Attachments")),
        CUSTOMER_NOTE_INSERT("CustomerNoteInsert", "CustomerNote", List.of("CustomerId", "NoteText", "NoteDate",
                "NoteId", "PurgeDate", "Priority", "Attachment", "IsSticky", "ClaimId", "PolicyId", "IsNoteTruncated"));

        final String wsapiName;
        final String dataContract;
        final List<String> sequence;

        Operation(String wsapiName, String dataContract, List<String> sequence) {
            this.wsapiName = wsapiName;
            this.dataContract = dataContract;
            this.sequence = sequence;
        }

        /** The SOAPAction header value, quoted as SOAP 1.1 wants it. */
        String soapAction() {
            return "\"" + WSAPI_NS + "/WSAPIServiceContract/" + wsapiName + "\"";
        }
    }

    private Ams360Envelopes() {
    }

    /**
     * The envelope of one call: {@code members} by name (null = {@code i:nil}, "" = an empty element); members the
     * XSD sequence has but {@code members} lacks are sent as nil. {@code ticket} is null only for Login.
     */
    static String request(Operation operation, String ticket, Map<String, String> members) {
        members.keySet().stream().filter(name -> !operation.sequence.contains(name)).findFirst().ifPresent(name -> {
            // a typo in the connector file: WCF would skip the member without a word, so say it here
            throw new AmsRefusedException("the ams360 connector sends " + name + ", which " + operation.wsapiName
                    + " of WSAPI v3 does not have");
        });
        StringBuilder xml = new StringBuilder(512)
                .append("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
                .append("<s:Envelope xmlns:s=\"").append(SOAP_NS).append("\">");
        if (ticket != null) {
            xml.append("<s:Header><WSAPISession xmlns=\"").append(WSAPI_NS).append("\"><Ticket>")
                    .append(escape(ticket)).append("</Ticket></WSAPISession></s:Header>");
        }
        xml.append("<s:Body><").append(operation.wsapiName).append(" xmlns=\"").append(WSAPI_NS).append("\">")
                .append("<Request xmlns:a=\"").append(DATA_CONTRACT_NS).append("\" xmlns:i=\"").append(XSI_NS).append("\">");
        if (operation.dataContract != null) {
            xml.append("<a:").append(operation.dataContract).append('>');
        }
        for (String name : operation.sequence) {
            String value = members.get(name);
            if (value == null) {
                xml.append("<a:").append(name).append(" i:nil=\"true\"/>");
            } else if (value.isEmpty()) {
                xml.append("<a:").append(name).append("/>");
            } else {
                xml.append("<a:").append(name).append('>').append(escape(value)).append("</a:").append(name).append('>');
            }
        }
        if (operation.dataContract != null) {
            xml.append("</a:").append(operation.dataContract).append('>');
        }
        return xml.append("</Request></").append(operation.wsapiName).append("></s:Body></s:Envelope>").toString();
    }

    /** Text as XML 1.0 character data: markup escaped, characters XML 1.0 cannot carry replaced by U+FFFD. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#13;");   // a bare CR would be normalised away by the AMS's parser
                default -> {
                    boolean allowed = c == '\t' || c == '\n' || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                    out.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        });
        return out.toString();
    }
}
