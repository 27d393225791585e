package com.callintel.hub.ams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import com.callintel.hub.connectors.AmsConnectorCatalog;
import org.junit.jupiter.api.Test;

/**
 * A type's longest note comes from its file ({@code callintel.io/note-limit}); the operator's
 * {@code callintel.ams.note-limits.<type>} overrides it; a type whose file names none gets 8000.
 */
class AmsNoteLimitsTest {

    private static final AmsConnectorCatalog CATALOG = AmsConnectorCatalog.standalone(Path.of("connectors"));

    @Test
    void theFileSaysTheLimitAndTheOperatorMayOverrideIt() {
        assertThat(limits(Map.of()).of("ezlynx")).as("ezlynx.kamelet.yaml").isEqualTo(4000);
        assertThat(limits(Map.of()).of("generic-rest")).as("rest/generic-rest.yaml").isEqualTo(4000);
        assertThat(limits(Map.of()).of("ams360")).isEqualTo(8000);
        assertThat(limits(Map.of("ezlynx", 2500)).of("ezlynx")).as("callintel.ams.note-limits.ezlynx").isEqualTo(2500);
        assertThat(limits(Map.of("ezlynx", 2500)).of("generic-rest")).as("only the type named").isEqualTo(4000);
        assertThat(limits(Map.of()).of("not-installed")).isEqualTo(AmsNoteLimits.FALLBACK);
    }

    private static AmsNoteLimits limits(Map<String, Integer> configured) {
        return new AmsNoteLimits(new AmsSyncProperties(true, 20, null, 8, null, null, null, 50, null, 1000, 8, Map.of(),
                configured, null, 0, 0, null, 0, null), CATALOG);
    }
}
