package com.callintel.hub.connectors;

import java.util.List;

/** Published after connector files changed on a running hub and the catalog took the valid ones. */
public record VoipConnectorsChanged(List<VoipConnector> added, List<VoipConnector> changed, List<String> removed,
                                    List<String> refused) {
}
