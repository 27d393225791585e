package com.callintel.hub.tenancy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook endpoint-key lookup in memory, so admission costs no database round trip: known keys with their
 * account, and (separately, so made-up keys cannot evict real ones) keys the database did not know. Every change
 * of a provider account empties it (see {@link EndpointKeyChanges}); the time-to-live bounds what a missed
 * notification could keep. A known key older than that is still answered from memory while the database is asked
 * again in the background, so no webhook of a known endpoint ever waits on the database here: with the database
 * gone, it reaches the store at once and is refused 503 there within the intake's own short timeout (for at most
 * {@code keep-while-unreachable}).
 */
final class EndpointKeyCache {

    private static final Logger log = LoggerFactory.getLogger(EndpointKeyCache.class);

    private record Known(ProviderAccount account, long loadedAtNanos) {
    }

    private final Cache<ByteBuffer, Known> known;
    private final Cache<ByteBuffer, Boolean> unknown;
    private final long ttlNanos;
    private final Executor refresher;
    /** Keys being asked for again in the background: one question per key at a time. */
    private final Set<ByteBuffer> refreshing = ConcurrentHashMap.newKeySet();
    /** Bumped by every change, so a lookup that read the database before the change does not cache its answer. */
    private final AtomicLong generation = new AtomicLong();

    EndpointKeyCache(EndpointKeyCacheProperties properties) {
        this(properties, ForkJoinPool.commonPool());
    }

    EndpointKeyCache(EndpointKeyCacheProperties properties, Executor refresher) {
        Duration keep = properties.keepWhileUnreachable().compareTo(properties.ttl()) > 0
                ? properties.keepWhileUnreachable() : properties.ttl();
        this.known = Caffeine.newBuilder().expireAfterWrite(keep).maximumSize(properties.knownKeys()).build();
        this.unknown = Caffeine.newBuilder().expireAfterWrite(properties.ttl()).maximumSize(properties.unknownKeys()).build();
        this.ttlNanos = properties.ttl().toNanos();
        this.refresher = refresher;
    }

    /** The account behind {@code keyHash}, asking {@code database} only when this node has no answer at all. */
    Optional<ProviderAccount> find(byte[] keyHash, Function<byte[], Optional<ProviderAccount>> database) {
        ByteBuffer key = ByteBuffer.wrap(keyHash);
        Known remembered = known.getIfPresent(key);
        if (remembered != null) {
            if (System.nanoTime() - remembered.loadedAtNanos() > ttlNanos) {
                refreshLater(key, keyHash, database);
            }
            return Optional.of(remembered.account());
        }
        if (unknown.getIfPresent(key) != null) {
            return Optional.empty();
        }
        return load(key, keyHash, database);
    }

    /** A key, secret or account changed: nothing remembered may be used again. */
    void forgetAll() {
        generation.incrementAndGet();
        known.invalidateAll();
        unknown.invalidateAll();
    }

    private Optional<ProviderAccount> load(ByteBuffer key, byte[] keyHash,
                                           Function<byte[], Optional<ProviderAccount>> database) {
        long before = generation.get();
        Optional<ProviderAccount> found = database.apply(keyHash);
        if (generation.get() == before) {
            found.ifPresentOrElse(a -> known.put(key, new Known(a, System.nanoTime())), () -> {
                known.invalidate(key);
                unknown.put(key, Boolean.TRUE);
            });
        }
        return found;
    }

    private void refreshLater(ByteBuffer key, byte[] keyHash, Function<byte[], Optional<ProviderAccount>> database) {
        if (!refreshing.add(key)) {
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    load(key, keyHash, database);
                } catch (RuntimeException unreachable) {
                    // the remembered answer stays until keep-while-unreachable; the next request asks again
                    log.debug("Endpoint key not re-read ({}); the remembered account is kept", unreachable.toString());
                } finally {
                    refreshing.remove(key);
                }
            });
        } catch (RuntimeException rejected) {
            refreshing.remove(key);
        }
    }
}
