package com.callintel.hub.ams;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.callintel.hub.intake.IntakePressure;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The node's AMS sync threads, shared by every organization through a per-organization bulkhead: one slow or
 * hanging AMS holds at most {@code syncs-per-organization} threads and every other agency's syncs keep flowing.
 * The claim leases only what the organizations' free threads can take ({@link #claim}), hands each leased sync over
 * and waits only until all have started, never for the slowest AMS of the batch to answer. A sync that ends while
 * its organization was at its limit asks for the next claim ({@link #wake}), so a busy agency's queue moves as fast
 * as its AMS answers without any poll spinning on it; the syncs that end within {@code wake-coalesce} of each other
 * share that claim (each claim is a durable commit: one per freed thread cost more than the syncs themselves).
 * While webhooks are acknowledged slower than their target ({@link IntakePressure}) a sync's end asks for no early
 * claim: the next poll claims, and the acknowledgements get the CPU meanwhile (a note a second later harms no one).
 */
@Component
class AmsSyncWorkers {

    private static final Logger log = LoggerFactory.getLogger(AmsSyncWorkers.class);

    private final ExecutorService pool;
    private final OrganizationBulkhead bulkhead;
    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final AmsSyncQueue queue;
    private final AmsSyncProperties properties;
    private final IntakePressure webhooks;
    /** Syncs handed over that no worker has started yet. */
    private int waiting;
    /** A claim is running on this node (from the poll or a wake): claims never overlap. */
    private final AtomicBoolean claiming = new AtomicBoolean();
    /** A sync ended at its organization's limit while a claim was running: claim again when it ends. */
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final ScheduledExecutorService waker;

    AmsSyncWorkers(CamelContext camel, ProducerTemplate producer, AmsSyncQueue queue, AmsSyncProperties properties,
                   IntakePressure webhooks) {
        this.camel = camel;
        this.webhooks = webhooks;
        this.producer = producer;
        this.queue = queue;
        this.properties = properties;
        this.pool = camel.getExecutorServiceManager().newFixedThreadPool(this, "ams-sync", properties.concurrency());
        this.bulkhead = new OrganizationBulkhead(Math.min(properties.syncsPerOrganization(), properties.concurrency()));
        this.waker = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "ams-sync-wake");
    }

    /**
     * Begins a claim if none is running and every sync handed over has started; {@link #endClaim} must follow.
     */
    public boolean startClaim() {
        synchronized (this) {
            if (waiting > 0) {
                return false;
            }
        }
        return claiming.compareAndSet(false, true);
    }

    /** Leases the due syncs the organizations' free threads on this node can take. */
    public List<SyncJob> claim() {
        return queue.claim(bulkhead.running());
    }

    public void endClaim() {
        claiming.set(false);
        if (wanted.getAndSet(false)) {
            wake();
        }
    }

    /**
     * Asks for a claim soon (after {@code wake-coalesce}, on the waker's thread), shared with every wake until then;
     * a claim already running is asked to claim again after.
     */
    void wake() {
        if (!polling()) {
            return;   // AMS syncs off on this node, or the hub is stopping: nothing new is claimed
        }
        if (webhooks.high()) {
            return;   // the next poll claims (within poll-delay)
        }
        wanted.set(true);
        if (!claiming.get() && wakeQueued.compareAndSet(false, true)) {
            waker.schedule(() -> {
                wakeQueued.set(false);
                try {
                    producer.sendBody("direct:ams-sync-claim", null);
                } catch (RuntimeException e) {
                    // the next poll claims instead
                    log.debug("AMS sync claim on wake failed: {}", e.toString());
                }
            }, properties.wakeCoalesce().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Runs the sync on a worker thread; returns at once. */
    public void dispatch(SyncJob job) {
        synchronized (this) {
            waiting++;
        }
        pool.execute(() -> {
            started();
            run(job);
        });
    }

    /**
     * Waits until every sync handed over has started (at most the call timeout): the leases of a batch are not
     * left ageing in a queue, and the next claim comes as soon as threads are free.
     */
    public synchronized void awaitStarted() throws InterruptedException {
        long deadline = System.nanoTime() + properties.callTimeout().toNanos();
        while (waiting > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized void started() {
        waiting--;
        notifyAll();
    }

    /** Whether this node claims syncs now: its poll route runs (not switched off, not shutting down). */
    private boolean polling() {
        return camel.isStarted() && !camel.isStopping()
                && camel.getRouteController().getRouteStatus("ams-sync-poll") == ServiceStatus.Started;
    }

    private void run(SyncJob job) {
        if (!polling()) {
            // the hub is stopping: the sync goes back to the queue at once rather than waiting out its lease
            queue.postpone(job, Duration.ZERO);
            return;
        }
        if (!bulkhead.tryEnter(job.orgId())) {
            // only when another node's claim or an admin's retry raced this one: the claim leases within the limit
            queue.postpone(job, properties.busyRetry());
            log.debug("AMS sync {} of organization {} postponed: its AMS calls are at the limit", job.id(), job.orgId());
            return;
        }
        boolean atLimit = bulkhead.full(job.orgId());
        try {
            Exchange exchange = new DefaultExchange(camel);
            exchange.getIn().setBody(job);
            producer.send("direct:ams-sync", exchange);
        } catch (RuntimeException e) {
            // the sync's lease runs out and it is claimed again: nothing is lost
            log.warn("AMS sync {} of organization {} not run: {}", job.id(), job.orgId(), e.getClass().getSimpleName());
        } finally {
            bulkhead.release(job.orgId());
            if (atLimit) {
                wake();
            }
        }
    }
}
