package com.callintel.hub.ams;

/** The EZLynx paths and default scope the connector file names (its parameters), under the connection's base URL. */
public record EzLynxPaths(String authenticate, String gateway, String scope, String applicant, String discussions) {
}
