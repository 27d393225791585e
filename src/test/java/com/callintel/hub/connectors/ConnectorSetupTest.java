package com.callintel.hub.connectors;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The setup a connector file declares for the admin, as {@link ConnectorCatalog} reads it. */
class ConnectorSetupTest {

    private static final String HEAD = """
            apiVersion: camel.apache.org/v1
            kind: Kamelet
            metadata:
              name: acme-phone
              annotations:
                callintel.io/signature: endpoint-key
                callintel.io/handshake: none
                callintel.io/content-types: application/json
                callintel.io/event-identity: '.id'
            """;

    @Test
    void stepsAreLinesAndEventsAreCommaSeparated() {
        VoipConnector connector = ConnectorCatalog.readVoip(Path.of("acme-phone.kamelet.yaml"), HEAD + """
                    callintel.io/setup-steps: |
                      Open Acme's webhook settings.

                      Paste the webhook URL, then tick the events below.
                    callintel.io/setup-events: ' call.started,call.ended , '
                spec:
                  definition:
                    title: Acme Phone
                    description: Calls of Acme.
                """);

        assertThat(connector.setup().title()).isEqualTo("Acme Phone");
        assertThat(connector.setup().description()).isEqualTo("Calls of Acme.");
        assertThat(connector.setup().steps()).containsExactly("Open Acme's webhook settings.",
                "Paste the webhook URL, then tick the events below.");
        assertThat(connector.setup().events()).containsExactly("call.started", "call.ended");
        assertThat(connector.setup().specific()).isTrue();
    }

    @Test
    void aFileWithoutStepsGetsTheGenericOnes() {
        VoipConnector connector = ConnectorCatalog.readVoip(Path.of("acme-phone.kamelet.yaml"), HEAD);

        assertThat(connector.setup().steps()).isEqualTo(ConnectorSetup.GENERIC_STEPS);
        assertThat(connector.setup().events()).isEmpty();
        assertThat(connector.setup().title()).as("the provider's name stands in for a title").isEqualTo("acme-phone");
        assertThat(connector.setup().specific()).isFalse();
    }

    @Test
    void everyInstalledConnectorNamesItsOwnSteps() {
        for (String provider : new String[]{"aircall", "dialpad", "goto", "ringcentral", "vonage", "vonage-business", "zoom"}) {
            VoipConnector connector = ConnectorCatalog.readVoip(Path.of("connectors/voip/" + provider + ".kamelet.yaml"));
            assertThat(connector.setup().specific()).as(provider).isTrue();
            assertThat(connector.setup().steps()).as(provider).anyMatch(step -> step.contains("webhook URL"));
            assertThat(connector.setup().events()).as(provider).isNotEmpty();
        }
    }
}
