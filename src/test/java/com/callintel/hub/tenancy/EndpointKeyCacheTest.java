package com.callintel.hub.tenancy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Endpoint-key admission from memory: unknown keys cost one database lookup, not one per request. */
class EndpointKeyCacheTest {

    private final EndpointKeyCache cache = new EndpointKeyCache(
            new EndpointKeyCacheProperties(Duration.ofMinutes(1), 10, 10, Duration.ofHours(1)));
    /** Entries stale at once; the background re-read runs when the test says so. */
    private final List<Runnable> refreshes = new ArrayList<>();
    private final EndpointKeyCache stale = new EndpointKeyCache(
            new EndpointKeyCacheProperties(Duration.ZERO, 10, 10, Duration.ofHours(1)), refreshes::add);
    private final AtomicInteger lookups = new AtomicInteger();
    private final ProviderAccount account = new ProviderAccount(UUID.randomUUID(), UUID.randomUUID(), "zoom", "s", true);

    @Test
    void floodOfOneUnknownKeyAsksTheDatabaseOnce() {
        for (int i = 0; i < 1000; i++) {
            assertThat(cache.find(EndpointKeys.hash("ek_made_up"), database(Optional.empty()))).isEmpty();
        }

        assertThat(lookups).hasValue(1);
    }

    @Test
    void knownKeyIsAnsweredFromMemory() {
        for (int i = 0; i < 100; i++) {
            assertThat(cache.find(EndpointKeys.hash("ek_real"), database(Optional.of(account)))).contains(account);
        }

        assertThat(lookups).hasValue(1);
    }

    @Test
    void anAdminChangeIsSeenAtOnce() {
        cache.find(EndpointKeys.hash("ek_real"), database(Optional.of(account)));
        cache.find(EndpointKeys.hash("ek_new"), database(Optional.empty()));

        cache.forgetAll();

        assertThat(cache.find(EndpointKeys.hash("ek_real"), database(Optional.empty()))).as("deleted").isEmpty();
        assertThat(cache.find(EndpointKeys.hash("ek_new"), database(Optional.of(account)))).as("created").contains(account);
    }

    @Test
    void madeUpKeysDoNotPushOutTheKnownOnes() {
        cache.find(EndpointKeys.hash("ek_real"), database(Optional.of(account)));
        for (int i = 0; i < 100; i++) {
            cache.find(EndpointKeys.hash("ek_made_up_" + i), database(Optional.empty()));
        }
        lookups.set(0);

        assertThat(cache.find(EndpointKeys.hash("ek_real"), database(Optional.empty()))).contains(account);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void lookupThatRacedAnAdminChangeIsNotRemembered() {
        cache.find(EndpointKeys.hash("ek_real"), hash -> {
            cache.forgetAll();   // the account is deleted while this lookup was reading the old row
            return Optional.of(account);
        });

        assertThat(cache.find(EndpointKeys.hash("ek_real"), database(Optional.empty()))).isEmpty();
    }

    @Test
    void aKnownKeyOverItsTimeToLiveIsAnsweredAtOnceAndReReadInTheBackground() {
        stale.find(EndpointKeys.hash("ek_real"), database(Optional.of(account)));
        lookups.set(0);

        assertThat(stale.find(EndpointKeys.hash("ek_real"), database(Optional.of(account)))).contains(account);
        assertThat(stale.find(EndpointKeys.hash("ek_real"), database(Optional.of(account)))).contains(account);
        assertThat(lookups).as("nothing asked on the request's thread").hasValue(0);
        assertThat(refreshes).as("one re-read for both requests").hasSize(1);

        refreshes.remove(0).run();
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aKnownKeyStaysAdmittedWhileTheDatabaseCannotAnswer() {
        stale.find(EndpointKeys.hash("ek_real"), database(Optional.of(account)));
        Function<byte[], Optional<ProviderAccount>> gone = hash -> {
            throw new CannotGetJdbcConnectionException("database unreachable");
        };

        assertThat(stale.find(EndpointKeys.hash("ek_real"), gone)).contains(account);
        refreshes.remove(0).run();

        assertThat(stale.find(EndpointKeys.hash("ek_real"), gone)).as("the re-read failed: still known").contains(account);
    }

    @Test
    void aReReadThatFindsTheKeyGoneForgetsIt() {
        stale.find(EndpointKeys.hash("ek_real"), database(Optional.of(account)));
        stale.find(EndpointKeys.hash("ek_real"), database(Optional.empty()));

        refreshes.remove(0).run();

        assertThat(stale.find(EndpointKeys.hash("ek_real"), database(Optional.empty()))).as("removed").isEmpty();
    }

    private Function<byte[], Optional<ProviderAccount>> database(Optional<ProviderAccount> answer) {
        return hash -> {
            lookups.incrementAndGet();
            return answer;
        };
    }
}
