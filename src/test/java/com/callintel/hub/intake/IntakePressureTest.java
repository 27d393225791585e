package com.callintel.hub.intake;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pressure gauge that background work asks before it takes the CPU: slow acknowledgements, recently. */
class IntakePressureTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final IntakePressure pressure = new IntakePressure(new IntakeCapacityProperties(64, 2, 256, 128,
            Duration.ofMillis(400), Duration.ofMillis(250), Duration.ofSeconds(10), 1, Duration.ofMillis(10)));

    @Test
    void aNodeThatAnsweredNothingIsNotUnderPressure() {
        assertThat(pressure.high()).isFalse();
        assertThat(pressure.averageMillis()).isZero();
    }

    @Test
    void acknowledgementsSlowerThanTheTargetRaiseThePressureAndFastOnesLowerItAgain() {
        for (int i = 0; i < 60; i++) {
            pressure.answered(40 * MS);
        }
        assertThat(pressure.high()).isTrue();
        assertThat(pressure.averageMillis()).isBetween(35.0, 40.0);

        for (int i = 0; i < 60; i++) {
            pressure.answered(2 * MS);
        }
        assertThat(pressure.high()).isFalse();
        assertThat(pressure.averageMillis()).isLessThan(10.0);
    }

    @Test
    void oneSlowAnswerAmongFastOnesDoesNotStopBackgroundWork() {
        for (int i = 0; i < 30; i++) {
            pressure.answered(2 * MS);
        }
        pressure.answered(100 * MS);
        assertThat(pressure.high()).isFalse();
    }

    @Test
    void whenWebhooksStopArrivingTheLastAverageNoLongerHoldsBackgroundWork() throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            pressure.answered(40 * MS);
        }
        assertThat(pressure.high()).isTrue();
        Thread.sleep(300);
        assertThat(pressure.high()).isFalse();
    }
}
