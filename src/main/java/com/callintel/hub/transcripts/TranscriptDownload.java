package com.callintel.hub.transcripts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * One GET of a transcript link through the egress client (every resolved address checked, no redirects), with
 * the provider's authorization, bounded in size ({@code callintel.transcripts.max-bytes}) and in time
 * ({@code callintel.transcripts.timeout} for the whole answer). The body is never logged.
 */
@Component
class TranscriptDownload {

    /** What the link answered: its media type and body. */
    record Fetched(String mediaType, byte[] body) {
    }

    /** The link did not give a transcript; {@code status} 0 when it never answered. */
    static final class LinkFailure extends RuntimeException {
        final int status;
        final Optional<Duration> retryAfter;

        LinkFailure(int status, Optional<Duration> retryAfter, String message) {
            super(message);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        /** Worth asking again later: rate limits, server errors, the network. */
        boolean transientFailure() {
            return status == 0 || status == 408 || status == 429 || status >= 500;
        }
    }

    private final CloseableHttpClient http;
    private final TranscriptProperties properties;

    TranscriptDownload(CloseableHttpClient egressHttpClient, TranscriptProperties properties) {
        this.http = egressHttpClient;
        this.properties = properties;
    }

    Fetched fetch(URI link, String authorization) {
        HttpGet get = new HttpGet(link);
        get.setHeader("Authorization", authorization);
        get.setHeader("Accept", "application/json, text/plain");
        get.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)).build());
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        // opened, not handled: a handler would read an oversized body to its end before letting go of it
        try (ClassicHttpResponse response = http.executeOpen(null, get, null)) {
            int status = response.getCode();
            if (status != 200) {
                throw new LinkFailure(status, retryAfter(response.getFirstHeader("Retry-After")), "the link answered " + status);
            }
            if (response.getEntity() == null) {
                throw new LinkFailure(200, Optional.empty(), "the link answered no body");
            }
            ContentType type = ContentType.parseLenient(response.getEntity().getContentType());
            try (InputStream in = response.getEntity().getContent()) {
                return new Fetched(type == null ? "" : type.getMimeType().toLowerCase(java.util.Locale.ROOT),
                        bounded(in, deadline, get));
            }
        } catch (IOException e) {
            throw new LinkFailure(0, Optional.empty(), "the link could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private byte[] bounded(InputStream in, long deadline, HttpGet get) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[16_384];
        for (int n; (n = in.read(buffer)) != -1; ) {
            body.write(buffer, 0, n);
            if (body.size() > properties.maxBytes()) {
                get.abort();
                throw new LinkFailure(200, Optional.empty(), "the transcript is larger than " + properties.maxBytes() + " bytes");
            }
            if (System.nanoTime() > deadline) {
                get.abort();
                throw new LinkFailure(0, Optional.empty(), "the transcript took longer than " + properties.timeout());
            }
        }
        return body.toByteArray();
    }

    /** {@code Retry-After} in seconds, as rate-limited APIs send it. */
    private static Optional<Duration> retryAfter(Header header) {
        if (header == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.getValue().strip()))));
        } catch (NumberFormatException notSeconds) {
            return Optional.empty();
        }
    }
}
