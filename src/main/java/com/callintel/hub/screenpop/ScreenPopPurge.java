package com.callintel.hub.screenpop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Called every minute by routes/purge-screen-pops.yaml: deletes pops older than their lifetime (5 minutes) and
 * expired stream tickets. Streams keep no pop data in memory, so the database is all there is to purge.
 */
@Component("screenPopPurge")
public class ScreenPopPurge {

    private static final Logger log = LoggerFactory.getLogger(ScreenPopPurge.class);

    private final ScreenPopRepository pops;
    private final StreamTickets tickets;

    ScreenPopPurge(ScreenPopRepository pops, StreamTickets tickets) {
        this.pops = pops;
        this.tickets = tickets;
    }

    /** Returns the pops deleted. */
    public int purge() {
        int deleted = pops.purge();
        int expired = tickets.purgeExpired();
        if (deleted + expired > 0) {
            log.debug("Screen pop purge: {} pops, {} tickets deleted", deleted, expired);
        }
        return deleted;
    }
}
