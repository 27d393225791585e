package com.callintel.hub.tenancy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long and how many endpoint-key lookups a node keeps in memory; known and unknown keys are kept apart so a
 * flood of made-up keys cannot push the real accounts out. After {@code ttl} a known key is re-read in the
 * background; while the database cannot answer, it is still admitted for {@code keepWhileUnreachable}.
 */
@ConfigurationProperties("callintel.intake.endpoint-key-cache")
public record EndpointKeyCacheProperties(Duration ttl, int knownKeys, int unknownKeys, Duration keepWhileUnreachable) {

    public EndpointKeyCacheProperties {
        keepWhileUnreachable = keepWhileUnreachable == null ? Duration.ofHours(1) : keepWhileUnreachable;
    }
}
