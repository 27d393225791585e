package com.callintel.hub.http;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The one binding step of the API: a request body read into the record its operation declares ({@code .type(...)}
 * in the REST DSL), text fields trimmed, then held to the record's Bean Validation constraints. Every refusal is a
 * 400 problem naming the field to fix: {@code 'subject' must be at most 200 characters.}
 */
@Component
public class JsonRequests {

    /** The message of a text field that must hold something ({@code @NotBlank}, or {@code @Pattern(PRESENT)}). */
    public static final String REQUIRED = "is required (a non-empty string)";
    /** An optional text field that, when sent, must hold something: {@code @Pattern(regexp = PRESENT, ...)}. */
    public static final String PRESENT = "(?s).*\\S.*";
    /** The message of {@code @Size(max = ...)} on a text field. */
    public static final String AT_MOST = "must be at most {max} characters";

    private final ObjectMapper mapper;
    private final ObjectMapper binder;
    private final Validator validator;

    JsonRequests(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
        this.binder = strictBinder(mapper);
    }

    /** The body bound to {@code type} and valid, or a 400 problem; an array type is checked element by element. */
    public <T> T body(Exchange exchange, Class<T> type) {
        JsonNode node = tree(exchange);
        T value = bind(node, type);
        if (value instanceof Object[] elements) {
            for (int i = 0; i < elements.length; i++) {
                if (elements[i] == null) {
                    throw invalid("[" + i + "]", "must be an object");
                }
                check(elements[i], "[" + i + "].");
            }
        } else {
            check(value, "");
        }
        return value;
    }

    private JsonNode tree(Exchange exchange) {
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

    private <T> T bind(JsonNode node, Class<T> type) {
        if (type.isArray() != node.isArray()) {
            throw invalid("body", type.isArray() ? "must be an array" : "must be a JSON object");
        }
        try {
            return binder.treeToValue(node, type);
        } catch (MismatchedInputException e) {
            throw invalid(field(e.getPath()), expected(e.getTargetType()));
        } catch (IOException e) {
            throw invalid("body", "does not fit this request");
        }
    }

    /** The first broken constraint, in the order the record declares its fields ("is required" before a format). */
    private <T> void check(T value, String prefix) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (violations.isEmpty()) {
            return;
        }
        List<String> order = value.getClass().isRecord()
                ? Arrays.stream(value.getClass().getRecordComponents()).map(RecordComponent::getName).toList() : List.of();
        ConstraintViolation<T> first = violations.stream()
                .min(Comparator.comparingInt((ConstraintViolation<T> v) -> order.indexOf(v.getPropertyPath().toString()))
                        .thenComparing(v -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .orElseThrow();
        throw invalid(prefix + first.getPropertyPath(), first.getMessage());
    }

    private static String field(List<JsonMappingException.Reference> path) {
        StringBuilder name = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getFieldName() != null) {
                name.append(name.isEmpty() ? "" : ".").append(step.getFieldName());
            } else {
                name.append('[').append(step.getIndex()).append(']');
            }
        }
        return name.isEmpty() ? "body" : name.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == String.class) {
            return REQUIRED;
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a number";
        }
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (type == LocalDate.class) {
            return "must be an ISO-8601 date, e.g. 2027-01-15";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 instant, e.g. 2026-12-05T08:30:00Z";
        }
        return "must be an object";
    }

    /** No guessing: a number is not text, "yes" is not true; text arrives trimmed; fields not read are ignored. */
    private static ObjectMapper strictBinder(ObjectMapper mapper) {
        ObjectMapper binder = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            binder.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        binder.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        binder.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        binder.registerModule(new SimpleModule("trimmed-text").addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
                String text = super.deserialize(p, context);
                return text == null ? null : text.strip();
            }
        }));
        return binder;
    }

    /** A 400 problem naming the request field and what is wrong with it. */
    public static ProblemException invalid(String field, String why) {
        return new ProblemException(Problem.of(400, "invalid-field", "Invalid request", "'" + field + "' " + why + "."));
    }
}
