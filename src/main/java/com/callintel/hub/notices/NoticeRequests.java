package com.callintel.hub.notices;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.callintel.hub.http.JsonRequests;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** Reads the operators' notice requests into their records; a body that cannot be one is a 400 naming the field. */
@Component
class NoticeRequests {

    static final int TEXT_MAX = 20_000;

    private final JsonRequests requests;

    NoticeRequests(JsonRequests requests) {
        this.requests = requests;
    }

    /** A breach to record: when it was found, the four parts the admins are told, and the organizations it touched. */
    record IncidentRequest(
            @NotNull(message = "is required (an ISO-8601 instant, e.g. 2026-12-05T08:30:00Z)") Instant discoveredAt,
            @NotBlank(message = JsonRequests.REQUIRED) @Size(max = TEXT_MAX, message = JsonRequests.AT_MOST) String whatHappened,
            @NotBlank(message = JsonRequests.REQUIRED) @Size(max = TEXT_MAX, message = JsonRequests.AT_MOST) String dataInvolved,
            @NotBlank(message = JsonRequests.REQUIRED) @Size(max = TEXT_MAX, message = JsonRequests.AT_MOST) String mitigation,
            @NotBlank(message = JsonRequests.REQUIRED) @Size(max = TEXT_MAX, message = JsonRequests.AT_MOST) String recommendedActions,
            @NotEmpty(message = "is required (the ids of the affected organizations)") List<UUID> organizations) {
    }

    /** A privacy policy version to publish: its full text and the day it takes effect. */
    record PolicyRequest(
            @NotBlank(message = JsonRequests.REQUIRED) @Size(max = TEXT_MAX, message = JsonRequests.AT_MOST) String text,
            @NotNull(message = "is required (an ISO-8601 date, e.g. 2027-01-15)") LocalDate effectiveDate) {
    }

    IncidentRequest incident(Exchange exchange) {
        IncidentRequest request = requests.body(exchange, IncidentRequest.class);
        if (request.organizations().contains(null)) {
            throw JsonRequests.invalid("organizations", "must hold organization ids only");
        }
        return new IncidentRequest(request.discoveredAt(), request.whatHappened(), request.dataInvolved(),
                request.mitigation(), request.recommendedActions(), request.organizations().stream().distinct().toList());
    }

    PolicyRequest policy(Exchange exchange) {
        return requests.body(exchange, PolicyRequest.class);
    }
}
