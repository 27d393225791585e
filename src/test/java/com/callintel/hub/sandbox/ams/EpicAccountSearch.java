package com.callintel.hub.sandbox.ams;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /epic/account/v1/accounts/search} on the client book: {@code phoneNumber} is an exact E.164 match on
 * the account's or its contact's phones, {@code email} an exact address match; without either there are no
 * results. HAL collection with {@code total}, paging links and {@code _embedded.accounts[].matchedResults}
 * (phone and email details only with {@code expand=matchedResults}).
 */
final class EpicAccountSearch {

    private static final Set<String> ACCOUNT_TYPES =
            Set.of("BROKER", "CLIENT", "COMPANY", "EMPLOYEE", "FINANCE_COMPANY", "OTHER_INTEREST", "VENDOR");
    private static final Map<PhoneKind, String> PHONE_TYPES = Map.of(PhoneKind.HOME, "RESIDENCE", PhoneKind.WORK,
            "BUSINESS", PhoneKind.MOBILE, "MOBILE", PhoneKind.FAX, "FAX", PhoneKind.OTHER, "OTHER");

    private final AmsSandboxData data;
    private final ObjectMapper json = new ObjectMapper();

    EpicAccountSearch(AmsSandboxData data) {
        this.data = data;
    }

    String search(IncomingRequest request) {
        Map<String, String> params = request.queryParams();
        Paging paging = Paging.of(params);
        String phone = params.get("phoneNumber");
        String email = params.get("email");
        String type = params.get("type");
        if (phone != null && phone.length() > 16) {
            throw EpicProblem.badRequest("phoneNumber", "Must be at most 16 characters");
        }
        if (type != null && !ACCOUNT_TYPES.contains(type)) {
            throw EpicProblem.badRequest("type", "Must be one of " + ACCOUNT_TYPES);
        }
        boolean expand = Arrays.asList(String.valueOf(params.get("expand")).split(",")).contains("matchedResults");
        List<SimulatedClient> matches = data.clients().stream()
                .filter(c -> phone != null || email != null)
                .filter(c -> phone == null || c.phones().stream().anyMatch(p -> p.e164().equals(phone)))
                .filter(c -> email == null || email.equalsIgnoreCase(c.email()))
                .filter(c -> type == null || type.equals("CLIENT"))
                .toList();
        ObjectNode body = json.createObjectNode().put("total", matches.size());
        paging.links(body.putObject("_links"), request, params, matches.size());
        ArrayNode accounts = body.putObject("_embedded").putArray("accounts");
        for (SimulatedClient client : paging.page(matches)) {
            account(accounts.addObject(), request.baseUrl(), client, phone, email, expand);
        }
        return body.toString();
    }

    private void account(ObjectNode node, String base, SimulatedClient client, String phone, String email,
            boolean expand) {
        node.put("id", client.id()).put("type", "CLIENT").put("name", client.displayName())
                .put("lookupCode", client.lookupCode()).put("active", client.active());
        ObjectNode matched = node.putArray("matchedResults").addObject();
        boolean onContact = client.contactId() != null;
        String matchedId = onContact ? client.contactId() : client.id();
        matched.put("id", matchedId).put("type", onContact ? "CONTACT" : "CLIENT");
        if (expand && phone != null) {
            ArrayNode numbers = matched.putArray("phoneNumbers");
            client.phones().stream().filter(p -> p.e164().equals(phone)).forEach(p -> numbers.addObject()
                    .put("number", p.e164()).put("extension", p.extension()).put("type", PHONE_TYPES.get(p.kind()))
                    .put("description", p.description() == null ? "" : p.description())
                    .put("callPermission", "OBTAINED"));
        }
        if (expand && email != null) {
            matched.putArray("emails").addObject().put("emailAddress", client.email());
        }
        matched.putObject("_links").putObject("self").put("href", base
                + (onContact ? "/epic/contact/v1/contacts/" : "/epic/client/v1/clients/") + matchedId);
        node.putObject("_links").putObject("self").put("href", base + "/epic/client/v1/clients/" + client.id());
    }

    /** limit (1–500, default 100) and offset (record number, ≥ 0) of an Applied collection call. */
    record Paging(int limit, int offset) {

        static Paging of(Map<String, String> params) {
            int limit = number(params, "limit", 100);
            int offset = number(params, "offset", 0);
            if (limit < 1 || limit > 500) {
                throw EpicProblem.badRequest("limit", "Must be between 1 and 500");
            }
            if (offset < 0) {
                throw EpicProblem.badRequest("offset", "Must be 0 or more");
            }
            return new Paging(limit, offset);
        }

        <T> List<T> page(List<T> all) {
            return all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        }

        void links(ObjectNode links, IncomingRequest request, Map<String, String> params, int total) {
            String base = request.baseUrl() + request.path();
            links.putObject("self").put("href", request.url());
            if (total == 0) {
                return; // an empty collection links only to itself, as in Applied's examples
            }
            if (offset > 0) {
                links.putObject("prev").put("href", base + query(params, Math.max(0, offset - limit)));
            }
            if (offset + limit < total) {
                links.putObject("next").put("href", base + query(params, offset + limit));
            }
            links.putObject("first").put("href", base + query(params, -1));
            links.putObject("last").put("href", base + query(params, Math.max(0, (total - 1) / limit * limit)));
        }

        private static String query(Map<String, String> params, int newOffset) {
            Map<String, String> copy = new LinkedHashMap<>(params);
            copy.remove("offset");
            if (newOffset >= 0) {
                copy.put("offset", Integer.toString(newOffset));
            }
            return copy.isEmpty() ? "" : "?" + copy.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }

        private static int number(Map<String, String> params, String name, int fallback) {
            String value = params.get(name);
            try {
                return value == null ? fallback : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw EpicProblem.badRequest(name, "Must be an integer");
            }
        }
    }
}
