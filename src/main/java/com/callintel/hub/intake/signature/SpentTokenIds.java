package com.callintel.hub.intake.signature;

import java.time.Duration;

import com.callintel.hub.intake.IntakeProperties;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * The ids of single-use signed tokens (Vonage's JWT {@code jti}) whose event was accepted, per endpoint, for as
 * long as such a token could still verify (twice the replay window: its {@code iat} may lie that far either
 * side). Per node and bounded: on another node, or once more ids than the bound arrived within the window, a
 * reused token gets past this - the event's own de-duplication still stores it only once.
 */
@Component
class SpentTokenIds {

    private final Cache<String, Boolean> spent;

    SpentTokenIds(IntakeProperties properties) {
        Duration lifetime = properties.replayWindow().multipliedBy(2);
        this.spent = Caffeine.newBuilder().maximumSize(properties.seenTokenIds()).expireAfterWrite(lifetime).build();
    }

    boolean isSpent(String endpointKey, String tokenId) {
        return spent.getIfPresent(endpointKey + " " + tokenId) != null;
    }

    void spend(String endpointKey, String tokenId) {
        spent.put(endpointKey + " " + tokenId, Boolean.TRUE);
    }
}
