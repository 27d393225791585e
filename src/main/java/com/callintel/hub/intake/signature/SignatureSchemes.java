package com.callintel.hub.intake.signature;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** Every signature scheme the hub knows, by the name connector files use. */
@Component
public class SignatureSchemes {

    private final Map<String, SignatureScheme> byName;

    SignatureSchemes(List<SignatureScheme> schemes) {
        this.byName = schemes.stream().collect(Collectors.toUnmodifiableMap(SignatureScheme::name, Function.identity()));
    }

    public SignatureScheme get(String name) {
        SignatureScheme scheme = byName.get(name);
        if (scheme == null) {
            throw new IllegalStateException("no signature scheme named '" + name + "'; known: " + byName.keySet());
        }
        return scheme;
    }

    public boolean knows(String name) {
        return byName.containsKey(name);
    }
}
