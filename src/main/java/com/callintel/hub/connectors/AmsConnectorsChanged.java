package com.callintel.hub.connectors;

import java.util.List;

/** Published after AMS connector files changed on a running hub and the AMS catalog took the valid ones. */
public record AmsConnectorsChanged(List<AmsConnector> added, List<AmsConnector> changed, List<String> removed,
                                   List<String> refused) {
}
