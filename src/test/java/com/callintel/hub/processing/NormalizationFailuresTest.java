package com.callintel.hub.processing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The paths a connector reads are found in its jq text, variables resolved, so a jq error can name its field. */
class NormalizationFailuresTest {

    @Test
    void pathsReadThroughVariablesResolveToPathsOfTheEvent() {
        String jq = """
                .event as $e | (.payload.object // {}) as $o |
                if ($e | test("^phone")) then {callId: $o.call_id, from: $o.caller.phone_number}
                elif .content then .content as $e | {id: $e.id} else null end
                """;

        assertThat(NormalizationFailures.pathsRead(jq)).contains(".event", ".payload.object", ".payload.object.call_id",
                ".payload.object.caller.phone_number", ".content", ".content.id");
    }

    @Test
    void urlsAndDottedNamesInTheConnectorFileAreNotPathsOfTheEvent() {
        String text = "reportApiBaseUrl: https://api.goto.com\ncamel.apache.org/kamelet.type: action\n";

        assertThat(NormalizationFailures.pathsRead(text)).isEmpty();
    }
}
