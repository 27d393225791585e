package com.callintel.hub.ams;

import java.time.Duration;
import java.util.UUID;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gauge {@code callintel.ams.breakers} counts organizations' AMS breakers per AMS type and state: an
 * organization whose AMS keeps failing shows as one open breaker of its type, and no organization id is a tag.
 */
class TenantBreakersMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TenantBreakers breakers = new TenantBreakers(new AmsSyncProperties(true, 10, Duration.ofMinutes(1), 5,
            Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(10), 50, Duration.ofMinutes(5), 1000, 4,
            null, null, Duration.ofSeconds(5), 50, 2, Duration.ofSeconds(1), 200, Duration.ofMillis(50)), meters);

    @Test
    void failingAmsShowsAsOneOpenBreakerOfItsType() {
        UUID failing = UUID.randomUUID();
        UUID healthy = UUID.randomUUID();
        breakers.succeeded(breakers.acquire(healthy, "ams360"), Duration.ofMillis(20));
        for (int call = 0; call < 10; call++) {
            breakers.failed(breakers.acquire(failing, "ams360"), Duration.ofMillis(20), new AmsUnavailableException("down"));
        }

        assertThat(breakersIn("ams360", "open")).isEqualTo(1);
        assertThat(breakersIn("ams360", "closed")).isEqualTo(1);
        assertThat(breakersIn("ams360", "half_open")).isZero();
        assertThat(meters.getMeters()).extracting(Meter::getId).allSatisfy(id -> assertThat(id.getTags().toString())
                .doesNotContain(failing.toString()).doesNotContain(healthy.toString()));
    }

    private double breakersIn(String amsType, String state) {
        return meters.get("callintel.ams.breakers").tag("ams_type", amsType).tag("state", state).gauge().value();
    }
}
