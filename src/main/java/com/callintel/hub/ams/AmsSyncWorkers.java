package com.callintel.hub.ams;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The node's AMS sync threads, shared by every organization through a per-organization bulkhead: a sync whose
 * organization already has {@code syncs-per-organization} running goes back to the queue (not an attempt), so one
 * slow or hanging AMS holds at most that many threads and every other agency's syncs keep flowing. The claim hands
 * each leased sync over and waits only until all have started, never for the slowest AMS of the batch to answer.
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
    /** Syncs handed over that no worker has started yet. */
    private int waiting;

    AmsSyncWorkers(CamelContext camel, ProducerTemplate producer, AmsSyncQueue queue, AmsSyncProperties properties) {
        this.camel = camel;
        this.producer = producer;
        this.queue = queue;
        this.properties = properties;
        this.pool = camel.getExecutorServiceManager().newFixedThreadPool(this, "ams-sync", properties.concurrency());
        this.bulkhead = new OrganizationBulkhead(Math.min(properties.syncsPerOrganization(), properties.concurrency()));
    }

    /** Whether every sync handed over has started: only then is another batch leased. */
    public synchronized boolean ready() {
        return waiting == 0;
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

    private void run(SyncJob job) {
        if (!bulkhead.tryEnter(job.orgId())) {
            queue.postpone(job, properties.busyRetry());
            log.debug("AMS sync {} of organization {} postponed: its AMS calls are at the limit", job.id(), job.orgId());
            return;
        }
        try {
            Exchange exchange = new DefaultExchange(camel);
            exchange.getIn().setBody(job);
            producer.send("direct:ams-sync", exchange);
        } catch (RuntimeException e) {
            // the sync's lease runs out and it is claimed again: nothing is lost
            log.warn("AMS sync {} of organization {} not run: {}", job.id(), job.orgId(), e.getClass().getSimpleName());
        } finally {
            bulkhead.release(job.orgId());
        }
    }
}
