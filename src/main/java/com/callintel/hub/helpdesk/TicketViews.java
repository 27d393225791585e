package com.callintel.hub.helpdesk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a ticket reads in the API: members see their organization's tickets and support's replies ("CallIntel
 * support", no operator named); operators also see the organization (its id and name, nothing else of it) and who
 * of them changed what.
 */
final class TicketViews {

    private TicketViews() {
    }

    static Map<String, Object> forMember(Ticket ticket) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", ticket.id());
        view.put("category", ticket.category());
        view.put("subject", ticket.subject());
        view.put("text", ticket.text());
        view.put("status", ticket.status());
        view.put("reporter", reporter(ticket));
        view.put("createdAt", ticket.createdAt().toString());
        view.put("updatedAt", ticket.updatedAt().toString());
        return view;
    }

    static Map<String, Object> forMember(Ticket ticket, List<TicketChange> changes) {
        Map<String, Object> view = forMember(ticket);
        view.put("changes", changes.stream().map(c -> change(c, false)).toList());
        return view;
    }

    static Map<String, Object> forOperator(Ticket ticket) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", ticket.id());
        view.put("organization", Map.of("id", ticket.orgId().toString(), "name", ticket.organizationName()));
        view.put("category", ticket.category());
        view.put("subject", ticket.subject());
        view.put("status", ticket.status());
        view.put("reporter", reporter(ticket));
        view.put("createdAt", ticket.createdAt().toString());
        view.put("updatedAt", ticket.updatedAt().toString());
        return view;
    }

    static Map<String, Object> forOperator(Ticket ticket, List<TicketChange> changes) {
        Map<String, Object> view = forOperator(ticket);
        view.put("text", ticket.text());
        view.put("changes", changes.stream().map(c -> change(c, true)).toList());
        return view;
    }

    private static Map<String, Object> reporter(Ticket ticket) {
        Map<String, Object> reporter = new LinkedHashMap<>();
        reporter.put("userId", ticket.reporterId());
        reporter.put("email", ticket.reporterEmail());
        reporter.put("role", ticket.reporterRole());
        return reporter;
    }

    private static Map<String, Object> change(TicketChange change, boolean operator) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("by", operator ? change.operatorId() : "CallIntel support");
        view.put("fromStatus", change.fromStatus());
        view.put("toStatus", change.toStatus());
        view.put("reply", change.reply());
        view.put("at", change.at().toString());
        return view;
    }
}
