package com.callintel.hub.sandbox.ams;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An Applied API error as problem details: {@code {type, title, status, detail, instance, traceId,
 * additionalDetails}}. The {@code type} URI depends on the service, as in Applied's specs: the Account service
 * uses RFC section URIs, Workflow Management its own {@code https://api.appliedsystems.com/doc/problem/<kind>}.
 */
final class EpicProblem extends RuntimeException {

    /** The Applied service answering, which decides the problem type URIs. */
    enum Service {
        ACCOUNT,
        WORKFLOW
    }

    /** One item of additionalDetails (field + message: our shape, the spec only says "array of objects"). */
    record FieldProblem(String field, String message) {
    }

    private static final String RFC = "https://datatracker.ietf.org/doc/html/";
    private static final String APPLIED = "https://api.appliedsystems.com/doc/problem/";
    private static final AtomicLong TRACE_IDS = new AtomicLong(4711000000000000000L);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<Integer, String[]> KINDS = Map.of(
            400, new String[] {"Bad Request", "One or more arguments are invalid", "rfc7231#section-6.5.1", "badrequest"},
            401, new String[] {"Unauthorized", "You are not authorized to access this resource", "rfc7235#section-3.1", "unauthorized"},
            403, new String[] {"Forbidden", "You are forbidden to access this resource", "rfc7231#section-6.5.3", "forbidden"},
            404, new String[] {"Not Found", "The specified resource was not found", "rfc7231#section-6.5.4", "notfound"},
            405, new String[] {"Method Not Allowed", "The method is not allowed for this resource", "rfc7231#section-6.5.5", null},
            429, new String[] {"Too Many Requests", "Rate limit exceeded", "rfc6585#section-4", null});

    private final int status;
    private final List<FieldProblem> fieldProblems;

    EpicProblem(int status, List<FieldProblem> fieldProblems) {
        super(String.valueOf(status), null, false, false);
        this.status = status;
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    static EpicProblem of(int status) {
        return new EpicProblem(status, List.of());
    }

    static EpicProblem badRequest(List<FieldProblem> problems) {
        return new EpicProblem(400, problems);
    }

    static EpicProblem badRequest(String field, String message) {
        return badRequest(List.of(new FieldProblem(field, message)));
    }

    static Service serviceOf(String path) {
        return path.startsWith("/workflow-management/") ? Service.WORKFLOW : Service.ACCOUNT;
    }

    SimulatorResponse render(IncomingRequest request) {
        String[] kind = KINDS.getOrDefault(status,
                new String[] {status == 503 ? "Service Unavailable" : status == 504 ? "Gateway Timeout" : "Internal Server Error",
                        "The service is temporarily unable to handle the request",
                        status == 504 ? "rfc7231#section-6.6.5" : "rfc7231#section-6.6", null});
        Service service = serviceOf(request.path());
        String type = service == Service.WORKFLOW && kind[3] != null ? APPLIED + kind[3] : RFC + kind[2];
        ObjectNode body = JSON.createObjectNode().put("type", type).put("title", kind[0]).put("status", status)
                .put("detail", kind[1]).put("instance", request.baseUrl() + request.path())
                .put("traceId", Long.toString(TRACE_IDS.incrementAndGet()));
        if (!fieldProblems.isEmpty()) {
            ArrayNode details = body.putArray("additionalDetails");
            fieldProblems.forEach(p -> details.addObject().put("field", p.field()).put("message", p.message()));
        }
        // Workflow Management's spec declares its 400 as application/json, every other error as problem+json
        String contentType = status == 400 && service == Service.WORKFLOW ? "application/json" : "application/problem+json";
        return SimulatorResponse.of(status, contentType, body.toString());
    }
}
