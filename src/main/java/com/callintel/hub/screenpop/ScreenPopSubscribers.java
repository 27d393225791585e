package com.callintel.hub.screenpop;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.callintel.hub.access.AuditLog;
import com.callintel.hub.access.HubUser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
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
    private final ThreadPoolExecutor audits;
    private final Counter writtenThrough;

    ScreenPopSubscribers(ScreenPopRepository pops, AuditLog audit, ScreenPopProperties properties, MeterRegistry meters) {
        this.pops = pops;
        this.audit = audit;
        this.properties = properties;
        this.writtenThrough = Counter.builder("callintel.screenpop.audit.written-through")
                .description("Audit rows written on the delivering thread because the audit queue was full")
                .register(meters);
        // Audit rows are written off the delivery path, through a bounded queue. When it is full the row is written
        // on the delivering thread (write-through): delivery slows down with the database, but no read of personal
        // data goes unaudited and memory stays bounded; the counter shows it happening.
        this.audits = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(properties.auditQueue()), daemon("screen-pop-audit"), (task, pool) -> {
                    writtenThrough.increment();
                    task.run();
                });
        this.latency = Timer.builder("callintel.screenpop.latency")
                .description("From the webhook's arrival to the screen pop written to an agent's stream")
                .publishPercentiles(0.5, 0.99).register(meters);
        long beat = properties.heartbeat().toMillis();
        heartbeat.scheduleAtFixedRate(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a stream for {@code user} and replays the still-fresh pops after {@code lastEventId}; empty when the
     * user or the organization already holds as many streams on this node as allowed.
     */
    Optional<SseEmitter> connect(HubUser user, long lastEventId) {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        Subscriber subscriber = new Subscriber(user, emitter);
        synchronized (subscribers) {
            // counted and added under one lock, so two opening at once cannot both take the last place
            if (streamsOf(s -> sameUser(s.user(), user)) >= properties.streamsPerUser()
                    || streamsOf(s -> s.user().orgId().equals(user.orgId())) >= properties.streamsPerOrganization()) {
                log.info("Stream of {} (organization {}) refused: stream limit reached", user.userId(), user.orgId());
                return Optional.empty();
            }
            subscribers.add(subscriber);
        }
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        audit(user, "screen-pop-stream", "GET /api/screen-pops/stream");
        try {
            // how long the browser waits before reconnecting, then a first line so proxies flush the headers
            emitter.send(SseEmitter.event().reconnectTime(2000).comment("connected"));
        } catch (IOException e) {
            subscribers.remove(subscriber);
            return Optional.of(emitter);
        }
        for (ScreenPop pop : pops.freshFor(user.orgId(), user.userId(), lastEventId)) {
            write(subscriber, pop);
        }
        return Optional.of(emitter);
    }

    private long streamsOf(Predicate<Subscriber> which) {
        return subscribers.stream().filter(which).count();
    }

    private static boolean sameUser(HubUser a, HubUser b) {
        return a.orgId().equals(b.orgId()) && a.userId().equals(b.userId());
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

    /** Audit rows go through the bounded queue (see the constructor); a deleted organization's rows are refused. */
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
