package com.callintel.hub.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One change made to a provider's fixture for {@link FuzzedWebhookTest}: what a careless or hostile sender could
 * post. {@code target} picks the field (modulo the fixture's field count), {@code size} scales the change.
 */
record Mutation(Kind kind, int target, int size) {

    /** The kinds of damage, from a field's value to the body's bytes. */
    enum Kind { DROP, NULL, RETYPE, HUGE_STRING, UNICODE, DEEP_NESTING, TRUNCATE, BAD_UTF8 }

    // writes the deep nesting this test posts (Jackson's writer refuses past 1,000 levels by default)
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamWriteConstraints(com.fasterxml.jackson.core.StreamWriteConstraints.builder()
                    .maxNestingDepth(100_000).build()).build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] ODD = {"\u202Eevil\u202C", "😀📞☎️", "e\u0301\u0301\u0301", "\uFFFF", "Ω≈ç√",
            "'; drop table call; --", "{{secret}}", "${env:HOME}", "\t\n\r", "ｆｕｌｌ"};

    static Arbitrary<Mutation> arbitrary() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(1, 100)).as(Mutation::new);
    }

    byte[] apply(byte[] fixture) {
        switch (kind) {
            case TRUNCATE -> {
                return Arrays.copyOf(fixture, Math.max(1, fixture.length * size / 101));
            }
            case BAD_UTF8 -> {
                byte[] broken = Arrays.copyOf(fixture, fixture.length + 2);
                int at = Math.max(1, fixture.length * size / 101);
                System.arraycopy(fixture, at, broken, at + 2, fixture.length - at);
                broken[at] = (byte) 0xC3;
                broken[at + 1] = (byte) 0x28;   // an invalid continuation byte
                return broken;
            }
            default -> {
                try {
                    JsonNode root = JSON.readTree(fixture);
                    List<Slot> slots = new ArrayList<>();
                    collect(root, slots);
                    if (!slots.isEmpty()) {
                        change(slots.get(target % slots.size()));
                    }
                    return JSON.writeValueAsBytes(root);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private void change(Slot slot) {
        JsonNode old = slot.value();
        JsonNode replacement = switch (kind) {
            case DROP -> null;
            case NULL -> NODES.nullNode();
            case RETYPE -> old.isTextual() ? NODES.numberNode(size) : old.isNumber() ? NODES.textNode("x" + size)
                    : old.isObject() ? NODES.textNode("object") : old.isArray() ? NODES.objectNode() : NODES.arrayNode();
            case HUGE_STRING -> NODES.textNode("x".repeat(size * 2_000));
            case UNICODE -> NODES.textNode(ODD[size % ODD.length]);
            case DEEP_NESTING -> nested(size * 30);
            default -> old;
        };
        slot.set(replacement);
    }

    private static JsonNode nested(int depth) {
        ArrayNode top = NODES.arrayNode();
        ArrayNode current = top;
        for (int i = 1; i < depth; i++) {
            ArrayNode next = NODES.arrayNode();
            current.add(next);
            current = next;
        }
        return top;
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> names = new ArrayList<>();
            fields.forEachRemaining(e -> names.add(e.getKey()));
            for (String name : names) {
                JsonNode value = object.get(name);
                slots.add(new Slot(value, v -> {
                    if (v == null) {
                        object.remove(name);
                    } else {
                        object.set(name, v);
                    }
                }));
                collect(value, slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                slots.add(new Slot(array.get(i), v -> array.set(index, v == null ? NODES.nullNode() : v)));
                collect(array.get(i), slots);
            }
        }
    }

    /** A place in the fixture's tree and how to put another value there (null removes it). */
    private record Slot(JsonNode value, java.util.function.Consumer<JsonNode> setter) {
        void set(JsonNode v) {
            setter.accept(v);
        }
    }

    @Override
    public String toString() {
        return kind + "(target " + target + ", size " + size + ")";
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
