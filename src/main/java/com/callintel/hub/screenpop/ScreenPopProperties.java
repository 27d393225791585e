package com.callintel.hub.screenpop;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Screen pop settings: how long a pop lives, how long its AMS lookup may take, the stream ticket's life, the
 * heartbeat that keeps proxies from closing an idle stream, and whether this node listens for pops of other nodes.
 */
@ConfigurationProperties("callintel.screen-pop")
public record ScreenPopProperties(boolean enabled, Duration lifetime, Duration lookupTimeout, int lookupThreads,
                                  Duration ticketLifetime, Duration heartbeat, Duration streamTimeout, boolean listen,
                                  String purgeCron) {
}
