package com.callintel.hub.http;

import java.io.IOException;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** Reads and checks admin API request bodies; every refusal is a 400 problem naming the field to fix. */
@Component
public class JsonRequests {

    private final ObjectMapper mapper;

    JsonRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public JsonNode body(Exchange exchange) {
        String text = exchange.getIn().getBody(String.class);
        if (text == null || text.isBlank()) {
            throw invalid("body", "a JSON body is required");
        }
        return parse(text);
    }

    /** The body where one is optional: null for none (the request body can be read once only). */
    public JsonNode optionalBody(Exchange exchange) {
        String text = exchange.getIn().getBody(String.class);
        return text == null || text.isBlank() ? null : parse(text);
    }

    private JsonNode parse(String text) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || !(node.isObject() || node.isArray())) {
                throw invalid("body", "must be a JSON object or array");
            }
            return node;
        } catch (IOException e) {
            throw invalid("body", "is not valid JSON");
        }
    }

    public static String required(JsonNode node, String field, int maxLength) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid(field, "is required (a non-empty string)");
        }
        if (value.asText().length() > maxLength) {
            throw invalid(field, "must be at most " + maxLength + " characters");
        }
        return value.asText().trim();
    }

    public static String optional(JsonNode node, String field, int maxLength) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        return required(node, field, maxLength);
    }

    public static ProblemException invalid(String field, String why) {
        return new ProblemException(Problem.of(400, "invalid-field", "Invalid request", "'" + field + "' " + why + "."));
    }
}
