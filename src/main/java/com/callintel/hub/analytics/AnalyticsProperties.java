package com.callintel.hub.analytics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the analytics facts and API (callintel.analytics.* in config/application.yaml). */
@ConfigurationProperties("callintel.analytics")
public record AnalyticsProperties(Duration lockTimeout, int maxRangeDays) {
}
