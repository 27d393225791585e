package com.callintel.hub.screenpop;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.callintel.hub.access.HubUser;
import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemWriter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The agent's event stream (Server-Sent Events), opened with a single-use ticket from
 * {@code POST /api/screen-pops/stream-ticket}. A reconnect names the last pop it saw (Last-Event-ID header, or
 * {@code lastEventId} because a new EventSource cannot set that header) and gets every still-fresh pop after it.
 * Each user and each organization may hold a bounded number of streams open on a node (each is a held connection
 * on the port webhooks arrive at); one more gets 429 with Retry-After.
 */
@RestController
class ScreenPopStream {

    private final StreamTickets tickets;
    private final ScreenPopSubscribers subscribers;
    private final ProblemWriter problems;
    private final FailedTicketSources failedSources;
    private final ScreenPopProperties properties;

    ScreenPopStream(StreamTickets tickets, ScreenPopSubscribers subscribers, ProblemWriter problems,
                    FailedTicketSources failedSources, ScreenPopProperties properties) {
        this.tickets = tickets;
        this.subscribers = subscribers;
        this.problems = problems;
        this.failedSources = failedSources;
        this.properties = properties;
    }

    @GetMapping(path = "/api/screen-pops/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam(required = false) String ticket,
                      @RequestParam(required = false) String lastEventId,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventHeader,
                      HttpServletRequest request, HttpServletResponse response) throws IOException {
        // admission before work: a ticket the hub did not seal (or that expired) is refused without the database
        if (!tickets.sealedAndFresh(ticket)) {
            problems.write(request, response, invalidTicket());
            return null;
        }
        String source = request.getRemoteAddr();
        if (failedSources.exhausted(source)) {
            problems.write(request, response, Problem.of(429, "too-many-failed-tickets", "Too many failed tickets",
                    "Too many used or expired stream tickets came from here; take a fresh ticket in a minute.")
                    .retryAfter(properties.streamRetryAfterSeconds()));
            return null;
        }
        HubUser user = tickets.redeem(ticket).orElse(null);
        if (user == null) {
            failedSources.failed(source);
            problems.write(request, response, invalidTicket());
            return null;
        }
        long after;
        try {
            after = parse(lastEventHeader != null ? lastEventHeader : lastEventId);
        } catch (NumberFormatException e) {
            problems.write(request, response, Problem.of(400, "invalid-request", "Invalid request",
                    "Last-Event-ID must be the id of a pop this stream sent."));
            return null;
        }
        Optional<SseEmitter> stream = subscribers.connect(user, after);
        if (stream.isEmpty()) {
            problems.write(request, response, Problem.of(429, "too-many-streams", "Too many open streams",
                    "You (or your organization) already have as many screen-pop streams open as allowed; close one "
                            + "(another tab or window) or try again later.")
                    .retryAfter(properties.streamRetryAfterSeconds()));
            return null;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");   // nginx: pass events through at once
        return stream.get();
    }

    private static Problem invalidTicket() {
        return Problem.of(401, "invalid-stream-ticket", "Stream ticket required",
                "Open the stream with a fresh ticket from POST /api/screen-pops/stream-ticket; each works once, briefly.");
    }

    private static long parse(String id) {
        return id == null || id.isBlank() ? 0 : Math.max(0, Long.parseLong(id.trim()));
    }
}
