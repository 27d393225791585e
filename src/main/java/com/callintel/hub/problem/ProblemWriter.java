package com.callintel.hub.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The one problem-details mapping of the hub: renders a {@link Problem} as an RFC 9457 JSON body. */
@Component
public class ProblemWriter {

    private final ObjectMapper mapper;

    ProblemWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String json(Problem problem, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type().toString());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        if (instance != null) {
            body.put("instance", instance);
        }
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the problem as the whole servlet response (for filters and security handlers). */
    public void write(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        if (problem.retryAfterSeconds() != null) {
            response.setHeader("Retry-After", problem.retryAfterSeconds().toString());
        }
        response.getOutputStream().write(json(problem, request.getRequestURI()).getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces the exchange's reply with the problem; the request path becomes the instance. */
    public void write(Exchange exchange, Problem problem) {
        var message = exchange.getMessage();
        String path = exchange.getIn().getHeader(Exchange.HTTP_PATH, String.class);
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        message.setHeader(Exchange.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.retryAfterSeconds() != null) {
            message.setHeader("Retry-After", String.valueOf(problem.retryAfterSeconds()));
        }
        message.setBody(json(problem, path));
    }

    /** For {@link ApiProblems} and the intake's {@code onException}: answers with the problem the route threw. */
    public void writeCaught(Exchange exchange) {
        write(exchange, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, ProblemException.class).problem());
    }
}
