package com.callintel.hub.screenpop;

import java.util.UUID;

import com.callintel.hub.calls.Agent;
import com.callintel.hub.calls.CallEvent;
import com.callintel.hub.calls.CallState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which call events pop: an inbound call while it rings, an outbound call when it connects; nothing else. */
class ScreenPopTriggerTest {

    @ParameterizedTest
    @CsvSource({
            "inbound, RINGING, true",
            "inbound, ANSWERED, false",
            "inbound, ENDED, false",
            "outbound, RINGING, false",
            "outbound, ANSWERED, true",
            "outbound, ENDED, false",
    })
    void popsOnlyWhileTheAgentCanStillUseIt(String direction, CallState state, boolean pops) {
        CallEvent event = new CallEvent(UUID.randomUUID(), "zoom", "c1", direction, "+15555550123", "+15555550100",
                "+15555550123", null, Agent.NONE, state, null, null, null, null, null, null, null, null, null);
        assertThat(ScreenPops.pops(event)).isEqualTo(pops);
    }
}
