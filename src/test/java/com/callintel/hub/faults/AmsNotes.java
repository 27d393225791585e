package com.callintel.hub.faults;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.callintel.hub.sandbox.ams.AppliedEpicSimulator;
import com.callintel.hub.sandbox.ams.CreatedRecord;

/**
 * Everything the test's Applied Epic simulator created, kept whole: the simulator remembers only its latest
 * records, so they are collected every 100 ms (by kind and id) while a fault test runs.
 */
final class AmsNotes implements AutoCloseable {

    private final AppliedEpicSimulator epic;
    private final Map<String, CreatedRecord> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService collector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ams-notes");
        thread.setDaemon(true);
        return thread;
    });

    AmsNotes(AppliedEpicSimulator epic) {
        this.epic = epic;
        collector.scheduleWithFixedDelay(this::collect, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** Forgets what was created so far (another test's notes). */
    synchronized void reset() {
        collect();
        epic.clearRecords();
        seen.clear();
    }

    synchronized List<CreatedRecord> all() {
        collect();
        return List.copyOf(seen.values());
    }

    private synchronized void collect() {
        epic.created().forEach(r -> seen.putIfAbsent(r.kind() + "/" + r.id(), r));
    }

    @Override
    public void close() {
        collector.shutdownNow();
    }
}
