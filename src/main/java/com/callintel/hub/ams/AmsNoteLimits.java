package com.callintel.hub.ams;

import com.callintel.hub.connectors.AmsConnector;
import com.callintel.hub.connectors.AmsConnectorCatalog;
import org.springframework.stereotype.Component;

/**
 * The longest note text an AMS type takes: the operator's {@code callintel.ams.note-limits.<type>} if set, else the
 * type's file ({@code callintel.io/note-limit}), else {@value #FALLBACK}. A connection's own {@code maxNoteLength}
 * setting wins over all three (read where the note is composed).
 */
@Component
class AmsNoteLimits {

    static final int FALLBACK = 8000;

    private final AmsSyncProperties properties;
    private final AmsConnectorCatalog catalog;

    AmsNoteLimits(AmsSyncProperties properties, AmsConnectorCatalog catalog) {
        this.properties = properties;
        this.catalog = catalog;
    }

    int of(String type) {
        Integer configured = properties.noteLimits().get(type);
        if (configured != null) {
            return configured;
        }
        return catalog.ams(type).map(AmsConnector::noteLimit).orElse(FALLBACK);
    }
}
