package com.callintel.hub.ams;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.callintel.hub.ams.Ams360Envelopes.Operation;
import org.springframework.stereotype.Component;

/**
 * The WSAPI ticket of each organization: AMS360's Login (AgencyNo, LoginId, Password, EmployeeCode from the
 * connection's credentials) answers it in the WSAPISession header. AMS360 publishes no ticket lifetime, so a ticket
 * is kept until AMS360 refuses it with a WSAPISecurityFault or the connection changes. Tickets are never logged.
 */
@Component
class Ams360Tickets {

    private record Ticket(String value, String endpoint, Instant connectionVersion) {
    }

    private final Map<UUID, Ticket> tickets = new ConcurrentHashMap<>();
    private final Ams360Soap soap;

    Ams360Tickets(Ams360Soap soap) {
        this.soap = soap;
    }

    /** The organization's ticket for {@code endpoint}, logging in when there is none yet. */
    String ticket(AmsConnection ams, String endpoint) {
        Ticket ticket = tickets.get(ams.orgId());
        if (ticket == null || !ticket.endpoint().equals(endpoint) || !ticket.connectionVersion().equals(ams.updatedAt())) {
            ticket = login(ams, endpoint);
            tickets.put(ams.orgId(), ticket);
        }
        return ticket.value();
    }

    /** AMS360 refused {@code ticket}: the next call logs in again (unless another call already did). */
    void refused(UUID orgId, String ticket) {
        tickets.computeIfPresent(orgId, (org, cached) -> cached.value().equals(ticket) ? null : cached);
    }

    private Ticket login(AmsConnection ams, String endpoint) {
        Map<String, String> user = new LinkedHashMap<>();
        user.put("AgencyNo", ams.credential("agencyNo"));
        user.put("LoginId", ams.credential("loginId"));
        user.put("Password", ams.credential("password"));
        // blank when the WSAPI user's data security is not employee-based: an empty element, as AMS360's own
        // clients send it (A1's live Login), not i:nil
        user.put("EmployeeCode", blankToEmpty(ams.credential("employeeCode")));
        if (user.get("AgencyNo") == null || user.get("LoginId") == null || user.get("Password") == null) {
            throw new AmsRefusedException("the AMS360 connection needs the credentials agencyNo, loginId and password");
        }
        Ams360Answer answer = soap.post(endpoint, Operation.LOGIN, Ams360Envelopes.request(Operation.LOGIN, null, user));
        answer.fault().ifPresent(fault -> {
            throw fault.toException("Login");
        });
        String ticket = answer.ticket();
        if (ticket == null) {
            throw new AmsUnavailableException("AMS360 accepted the Login but sent no WSAPISession ticket");
        }
        return new Ticket(ticket, endpoint, ams.updatedAt());
    }

    private static String blankToEmpty(String value) {
        return value == null || value.isBlank() ? "" : value.trim();
    }
}
