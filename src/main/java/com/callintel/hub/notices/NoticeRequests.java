package com.callintel.hub.notices;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** Reads the operators' notice requests into their records; a body that cannot be one is a 400 naming the field. */
@Component
class NoticeRequests {

    static final int TEXT_MAX = 20_000;

    private final ObjectMapper mapper;

    NoticeRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A breach to record: when it was found, the four parts the admins are told, and the organizations it touched. */
    record IncidentRequest(Instant discoveredAt, String whatHappened, String dataInvolved, String mitigation,
                           String recommendedActions, List<UUID> organizations) {
    }

    /** A privacy policy version to publish: its full text and the day it takes effect. */
    record PolicyRequest(String text, LocalDate effectiveDate) {
    }

    IncidentRequest incident(Exchange exchange) {
        IncidentRequest request = read(exchange, IncidentRequest.class);
        if (request.discoveredAt() == null) {
            throw invalid("discoveredAt", "is required (an ISO-8601 instant, e.g. 2026-12-05T08:30:00Z)");
        }
        text("whatHappened", request.whatHappened());
        text("dataInvolved", request.dataInvolved());
        text("mitigation", request.mitigation());
        text("recommendedActions", request.recommendedActions());
        if (request.organizations() == null || request.organizations().isEmpty()) {
            throw invalid("organizations", "is required (the ids of the affected organizations)");
        }
        if (request.organizations().contains(null)) {
            throw invalid("organizations", "must hold organization ids only");
        }
        return new IncidentRequest(request.discoveredAt(), request.whatHappened().trim(), request.dataInvolved().trim(),
                request.mitigation().trim(), request.recommendedActions().trim(),
                request.organizations().stream().distinct().toList());
    }

    PolicyRequest policy(Exchange exchange) {
        PolicyRequest request = read(exchange, PolicyRequest.class);
        text("text", request.text());
        if (request.effectiveDate() == null) {
            throw invalid("effectiveDate", "is required (an ISO-8601 date, e.g. 2027-01-15)");
        }
        return new PolicyRequest(request.text().trim(), request.effectiveDate());
    }

    private <T> T read(Exchange exchange, Class<T> type) {
        String body = exchange.getIn().getBody(String.class);
        if (body == null || body.isBlank()) {
            throw invalid("body", "a JSON object is required");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw invalid("body", "a JSON object is required");
            }
            return value;
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null ? "body"
                    : e.getPath().get(0).getFieldName();
            throw invalid(field, "has the wrong type or format");
        } catch (JsonProcessingException e) {
            throw invalid("body", "is not valid JSON");
        } catch (IOException e) {
            throw invalid("body", "could not be read");
        }
    }

    private static void text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "is required (a non-empty string)");
        }
        if (value.length() > TEXT_MAX) {
            throw invalid(field, "must be at most " + TEXT_MAX + " characters");
        }
    }

    static ProblemException invalid(String field, String why) {
        return new ProblemException(Problem.of(400, "invalid-field", "Invalid request", "'" + field + "' " + why + "."));
    }
}
