package com.callintel.hub.connectors;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One AMS type as its installed file declares it: a Java-backed connector ({@code connectors/ams/<type>.kamelet.yaml},
 * run as its own Kamelet) or a declarative REST AMS ({@code connectors/ams/rest/<type>.yaml}, run as the protocol
 * Kamelet it names, with the file's parameters). What the admin API and the Settings page show of it (title,
 * description, the credential names it reads) and its longest note come from the file too.
 *
 * @param type        the AMS type: the file's {@code metadata.name}, stored with each organization's connection
 * @param protocol    the Kamelet that runs it: {@code type} itself, or the REST file's {@code spec.protocol}
 * @param noteLimit   longest note text ({@code callintel.io/note-limit}); null when the file names none
 * @param parameters  the protocol's parameters (REST files only; empty for a Kamelet of its own)
 * @param declarative a declarative REST AMS (a configuration of a protocol Kamelet), not a Kamelet of its own; the
 *                    sandbox REST AMS keeps its old type name, which is also the protocol's name
 * @param agentNamesRecord the AMS has no search by phone ({@code callintel.io/lookup: agent-names-record}): an agent
 *                    names the record on the screen pop and the connector confirms it live ({@code confirm})
 */
public record AmsConnector(String type, Path file, String protocol, String title, String description,
                           List<String> credentials, Integer noteLimit, Map<String, String> parameters,
                           boolean declarative, boolean agentNamesRecord) {

    public AmsConnector {
        credentials = List.copyOf(credentials);
        parameters = Map.copyOf(parameters);
    }
}
