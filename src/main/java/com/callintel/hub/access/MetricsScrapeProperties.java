package com.callintel.hub.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Prometheus scraper's credential for {@code /actuator/prometheus}: an HTTP Basic user and password, the
 * password best given as a hash ({@code {bcrypt}$2a$…}). No password: every scrape is refused.
 */
@ConfigurationProperties("callintel.metrics")
public record MetricsScrapeProperties(String scrapeUser, String scrapePassword) {
}
