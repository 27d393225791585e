package com.callintel.hub.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much webhook work one node takes on at once, and how long a webhook may wait for the store: past either
 * bound the provider gets a 503 with Retry-After at once instead of a hang (it retries; nothing is lost). Past the
 * ack target (a moving average), work that can wait yields the CPU to the webhooks ({@link IntakePressure}).
 */
@ConfigurationProperties("callintel.intake.capacity")
public record IntakeCapacityProperties(int inFlight, int storeConnections, int storeWaiting, int storeBatch,
                                       Duration storeTimeout,
                                       Duration connectionTimeout, Duration socketTimeout, int busyRetryAfterSeconds,
                                       Duration ackTarget) {
}
