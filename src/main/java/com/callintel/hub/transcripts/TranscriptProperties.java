package com.callintel.hub.transcripts;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Transcripts a provider sends as a link ({@code callintel.transcripts.*}): the providers whose links the hub
 * fetches, each with the only hosts its links may name, the token endpoint of its OAuth app (Zoom's
 * Server-to-Server OAuth), and how big, how long and how often a fetch may be.
 */
@ConfigurationProperties("callintel.transcripts")
public record TranscriptProperties(Map<String, List<String>> linkHosts, Map<String, String> tokenUrls, int maxBytes, Duration timeout, int workers,
                                   int maxAttempts, Duration firstRetry, Duration longestRetry, Duration pollInterval) {

    public TranscriptProperties {
        TreeMap<String, List<String>> hosts = new TreeMap<>();
        if (linkHosts != null) {
            linkHosts.forEach((provider, list) -> hosts.put(provider,
                    list.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList()));
        }
        linkHosts = hosts;
        tokenUrls = tokenUrls == null ? Map.of() : Map.copyOf(tokenUrls);
        maxBytes = maxBytes <= 0 ? 2_000_000 : maxBytes;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        workers = workers <= 0 ? 2 : workers;
        maxAttempts = maxAttempts <= 0 ? 6 : maxAttempts;
        firstRetry = firstRetry == null ? Duration.ofSeconds(30) : firstRetry;
        longestRetry = longestRetry == null ? Duration.ofMinutes(30) : longestRetry;
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
    }
}
