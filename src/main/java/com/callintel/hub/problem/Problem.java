package com.callintel.hub.problem;

import java.net.URI;

/**
 * An RFC 9457 problem: what went wrong, said so the caller can fix its request. Never carries internals.
 * {@code type} is a stable URI per kind of problem; {@code retryAfterSeconds} is sent as Retry-After when set.
 */
public record Problem(URI type, String title, int status, String detail, Integer retryAfterSeconds) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://callintel.dev/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(URI.create(BASE + slug), title, status, detail, null);
    }

    public Problem retryAfter(int seconds) {
        return new Problem(type, title, status, detail, seconds);
    }
}
