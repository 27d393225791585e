package com.callintel.hub.connectors;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A protocol Kamelet of {@code connectors/ams/} ({@code callintel.io/ams-protocol}, such as generic-rest): not an AMS
 * itself, but what the declarative files of {@code connectors/ams/rest/} configure. Its {@code spec.definition}
 * is the schema those files are checked against (properties with type, enum, default, pattern, {@code format: jq}
 * or {@code format: path} with {@code x-placeholders}; the {@code required} list), its template where their
 * jq parameters end up.
 */
public record AmsProtocol(String name, Path file, Map<String, Map<String, Object>> properties, List<String> required,
                          Object template) {

    public AmsProtocol {
        properties = Map.copyOf(properties);
        required = List.copyOf(required);
    }
}
