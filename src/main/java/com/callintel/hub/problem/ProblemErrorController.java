package com.callintel.hub.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whatever fails outside a route (no such path, wrong method, an error in the HTTP binding) still answers with
 * a problem body, never an HTML error page or a stack trace. A server-side failure says "retry", since a
 * provider that retries loses nothing.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private final ProblemWriter problems;

    ProblemErrorController(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (status == 404 && path != null && path.startsWith("/webhooks/")) {
            // the intake route answers every webhook path itself (unknown provider included); reaching here means
            // it is not serving yet (start-up, shutdown): a 404 would make providers drop the event, so ask for a retry
            status = 503;
        }
        Problem problem = switch (status) {
            case 404 -> Problem.of(404, "not-found", "Not found", "There is nothing at this path.");
            case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed",
                    "This path does not take " + request.getMethod() + " requests.");
            case 413 -> Problem.of(413, "body-too-large", "Request body too large", "The request body exceeds the limit.");
            case 415 -> Problem.of(415, "unsupported-content-type", "Unsupported content type",
                    "This path does not take that content type.");
            default -> status >= 500
                    ? Problem.of(503, "temporarily-unavailable", "Temporarily unavailable",
                            "The hub could not handle the request; retry later.").retryAfter(5)
                    : Problem.of(status, "bad-request", HttpStatus.valueOf(status).getReasonPhrase(),
                            "The request could not be handled as sent.");
        };
        ResponseEntity.BodyBuilder reply = ResponseEntity.status(problem.status())
                .contentType(MediaType.valueOf(Problem.MEDIA_TYPE));
        if (problem.retryAfterSeconds() != null) {
            reply.header("Retry-After", problem.retryAfterSeconds().toString());
        }
        return reply.body(problems.json(problem, path));
    }
}
