package com.callintel.hub.helpdesk;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed ticket mail waits longer after each try, never longer than the configured maximum. */
class SupportMailOutboxTest {

    private final SupportMailOutbox outbox = new SupportMailOutbox(null, new SupportProperties("support@callintel.test",
            2000, 20, 10, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(2), 10), Clock.systemUTC());

    @Test
    void retryDelayDoublesFromTheFirstUpToTheLongest() {
        assertThat(outbox.delay(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(outbox.delay(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(outbox.delay(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(outbox.delay(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(outbox.delay(6)).isEqualTo(Duration.ofMinutes(10));
        assertThat(outbox.delay(60)).isEqualTo(Duration.ofMinutes(10));
    }
}
