package com.callintel.hub.ams;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * How many AMS calls of one organization may run at once on this node: a slow or hanging AMS holds at most that
 * many threads of a shared pool, so every other agency keeps the rest. A permit is taken without waiting and given
 * back when the call really ends (not when its caller stopped waiting), so a hung call keeps counting.
 */
public final class OrganizationBulkhead {

    private final int perOrganization;
    private final Map<UUID, Semaphore> permits = new ConcurrentHashMap<>();

    public OrganizationBulkhead(int perOrganization) {
        if (perOrganization < 1) {
            throw new IllegalArgumentException("at least one call per organization");
        }
        this.perOrganization = perOrganization;
    }

    /** Takes a permit if the organization has one free; the caller must {@link #release} it when the call ends. */
    public boolean tryEnter(UUID orgId) {
        return permits.computeIfAbsent(orgId, id -> new Semaphore(perOrganization)).tryAcquire();
    }

    public void release(UUID orgId) {
        Semaphore semaphore = permits.get(orgId);
        if (semaphore != null) {
            semaphore.release();
        }
    }

    /** Whether the organization's calls are at the limit. */
    public boolean full(UUID orgId) {
        return running(orgId) >= perOrganization;
    }

    /** The organizations with calls running now, and how many each. */
    public Map<UUID, Integer> running() {
        Map<UUID, Integer> running = new HashMap<>();
        permits.forEach((orgId, semaphore) -> {
            int calls = perOrganization - semaphore.availablePermits();
            if (calls > 0) {
                running.put(orgId, calls);
            }
        });
        return running;
    }

    /** Calls of the organization running now. */
    public int running(UUID orgId) {
        Semaphore semaphore = permits.get(orgId);
        return semaphore == null ? 0 : perOrganization - semaphore.availablePermits();
    }
}
