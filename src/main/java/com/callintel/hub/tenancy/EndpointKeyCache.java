package com.callintel.hub.tenancy;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The webhook endpoint-key lookup in memory, so admission costs no database round trip: known keys with their
 * account, and (separately, so made-up keys cannot evict real ones) keys the database did not know. Every change
 * of a provider account empties it (see {@link EndpointKeyChanges}); the time-to-live bounds what a missed
 * notification could keep.
 */
final class EndpointKeyCache {

    private final Cache<ByteBuffer, ProviderAccount> known;
    private final Cache<ByteBuffer, Boolean> unknown;
    /** Bumped by every change, so a lookup that read the database before the change does not cache its answer. */
    private final AtomicLong generation = new AtomicLong();

    EndpointKeyCache(EndpointKeyCacheProperties properties) {
        this.known = Caffeine.newBuilder().expireAfterWrite(properties.ttl()).maximumSize(properties.knownKeys()).build();
        this.unknown = Caffeine.newBuilder().expireAfterWrite(properties.ttl()).maximumSize(properties.unknownKeys()).build();
    }

    /** The account behind {@code keyHash}, asking {@code database} only when this node has no fresh answer. */
    Optional<ProviderAccount> find(byte[] keyHash, Function<byte[], Optional<ProviderAccount>> database) {
        ByteBuffer key = ByteBuffer.wrap(keyHash);
        ProviderAccount account = known.getIfPresent(key);
        if (account != null) {
            return Optional.of(account);
        }
        if (unknown.getIfPresent(key) != null) {
            return Optional.empty();
        }
        long before = generation.get();
        Optional<ProviderAccount> found = database.apply(keyHash);
        if (generation.get() == before) {
            found.ifPresentOrElse(a -> known.put(key, a), () -> unknown.put(key, Boolean.TRUE));
        }
        return found;
    }

    /** A key, secret or account changed: nothing remembered may be used again. */
    void forgetAll() {
        generation.incrementAndGet();
        known.invalidateAll();
        unknown.invalidateAll();
    }
}
