package com.callintel.hub.screenpop;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Screen pop settings: how long a pop lives, how long its AMS lookup may take and how many lookups of one
 * organization may run at once, the stream ticket's life, the heartbeat that keeps proxies from closing an idle
 * stream, how many streams a user and an organization may hold open on a node, the bound of the audit queue, and
 * whether this node listens for pops of other nodes.
 */
@ConfigurationProperties("callintel.screen-pop")
public record ScreenPopProperties(boolean enabled, Duration lifetime, Duration lookupTimeout, int lookupThreads,
                                  int lookupsPerOrganization, Duration ticketLifetime, Duration heartbeat,
                                  Duration streamTimeout, boolean listen, String purgeCron, int streamsPerUser,
                                  int streamsPerOrganization, int streamRetryAfterSeconds, int auditQueue,
                                  int failedTicketsPerMinute) {

    public ScreenPopProperties {
        // the fallbacks of properties an older configuration file lacks; config/application.yaml sets each
        lookupsPerOrganization = lookupsPerOrganization <= 0 ? Math.max(1, lookupThreads / 4) : lookupsPerOrganization;
        streamsPerUser = streamsPerUser <= 0 ? 3 : streamsPerUser;
        streamsPerOrganization = streamsPerOrganization <= 0 ? 50 : streamsPerOrganization;
        streamRetryAfterSeconds = streamRetryAfterSeconds <= 0 ? 30 : streamRetryAfterSeconds;
        auditQueue = auditQueue <= 0 ? 10_000 : auditQueue;
        failedTicketsPerMinute = failedTicketsPerMinute <= 0 ? 20 : failedTicketsPerMinute;
    }
}
