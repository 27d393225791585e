package com.callintel.hub.intake.signature;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** Every handshake the hub can answer, by name; "none" answers nothing. */
@Component
public class Handshakes {

    private static final Handshake NONE = () -> "none";
    private final Map<String, Handshake> byName;

    Handshakes(List<Handshake> handshakes) {
        this.byName = handshakes.stream().collect(Collectors.toUnmodifiableMap(Handshake::name, Function.identity()));
    }

    public Handshake get(String name) {
        if (NONE.name().equals(name)) {
            return NONE;
        }
        Handshake handshake = byName.get(name);
        if (handshake == null) {
            throw new IllegalStateException("no handshake named '" + name + "'; known: none, " + byName.keySet());
        }
        return handshake;
    }

    public boolean knows(String name) {
        return NONE.name().equals(name) || byName.containsKey(name);
    }
}
