package com.callintel.hub.screenpop;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.callintel.hub.access.AuditLog;
import com.callintel.hub.access.HubUser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The agents connected to this node and their event streams. A pop is written to every stream of its
 * organization it is addressed to; streams hold no pop data, so nothing here outlives a pop. Each delivery is
 * audited and timed ({@code callintel.screenpop.latency}: webhook received → event written).
 */
@Component
class ScreenPopSubscribers {

    private static final Logger log = LoggerFactory.getLogger(ScreenPopSubscribers.class);

    /** One open stream of one signed-in user. */
    record Subscriber(HubUser user, SseEmitter emitter) {
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScreenPopRepository pops;
    private final AuditLog audit;
    private final ScreenPopProperties properties;
    private final Timer latency;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("screen-pop-heartbeat"));
    private final ExecutorService audits = Executors.newSingleThreadExecutor(daemon("screen-pop-audit"));

    ScreenPopSubscribers(ScreenPopRepository pops, AuditLog audit, ScreenPopProperties properties, MeterRegistry meters) {
        this.pops = pops;
        this.audit = audit;
        this.properties = properties;
        this.latency = Timer.builder("callintel.screenpop.latency")
                .description("From the webhook's arrival to the screen pop written to an agent's stream")
                .publishPercentiles(0.5, 0.99).register(meters);
        long beat = properties.heartbeat().toMillis();
        heartbeat.scheduleAtFixedRate(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** Opens a stream for {@code user} and replays the still-fresh pops after {@code lastEventId}. */
    SseEmitter connect(HubUser user, long lastEventId) {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        Subscriber subscriber = new Subscriber(user, emitter);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        subscribers.add(subscriber);
        audit(user, "screen-pop-stream", "GET /api/screen-pops/stream");
        try {
            // how long the browser waits before reconnecting, then a first line so proxies flush the headers
            emitter.send(SseEmitter.event().reconnectTime(2000).comment("connected"));
        } catch (IOException e) {
            subscribers.remove(subscriber);
            return emitter;
        }
        for (ScreenPop pop : pops.freshFor(user.orgId(), user.userId(), lastEventId)) {
            write(subscriber, pop);
        }
        return emitter;
    }

    /** Whether any stream of the organization is open on this node (else a notification needs no read). */
    boolean listening(UUID orgId) {
        return subscribers.stream().anyMatch(s -> s.user().orgId().equals(orgId));
    }

    /** Writes a new pop to every stream it is addressed to. */
    void deliver(ScreenPop pop) {
        for (Subscriber subscriber : subscribers) {
            if (pop.addressedTo(subscriber.user().orgId(), subscriber.user().userId())) {
                write(subscriber, pop);
            }
        }
    }

    int connected() {
        return subscribers.size();
    }

    private void write(Subscriber subscriber, ScreenPop pop) {
        ObjectNode data = pop.payload().deepCopy();
        data.put("id", pop.id());
        data.put("createdAt", pop.createdAt().toString());
        try {
            subscriber.emitter().send(SseEmitter.event().id(Long.toString(pop.id())).name("pop")
                    .data(data.toString(), MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException gone) {
            subscribers.remove(subscriber);
            return;
        }
        // the hub clock can be moved in tests; the arrival time is the database's, so real time is compared
        latency.record(Duration.between(pop.receivedAt(), Instant.now()));
        audit(subscriber.user(), "screen-pop-delivered", "screen-pop/" + pop.id());
    }

    /** Audit rows are written off the delivery path; a deleted organization's rows are refused, which is fine. */
    private void audit(HubUser user, String action, String target) {
        audits.execute(() -> {
            try {
                audit.record(user, action, target, 200);
            } catch (RuntimeException e) {
                log.info("Audit row for {} not written: {}", action, e.getClass().getSimpleName());
            }
        });
    }

    private void heartbeat() {
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.emitter().send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException gone) {
                subscribers.remove(subscriber);
            } catch (RuntimeException e) {
                log.debug("Heartbeat failed: {}", e.getMessage());
                subscribers.remove(subscriber);
            }
        }
    }

    @jakarta.annotation.PreDestroy
    void close() {
        heartbeat.shutdownNow();
        audits.shutdown();
        subscribers.forEach(s -> s.emitter().complete());
        subscribers.clear();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
