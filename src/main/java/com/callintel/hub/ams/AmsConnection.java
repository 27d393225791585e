package com.callintel.hub.ams;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An organization's AMS as the connectors need it, credentials opened. Lives only for one sync; never logged
 * (toString leaves the credentials out).
 */
public record AmsConnection(UUID orgId, String type, String baseUrl, JsonNode credentials, String activityCode,
                            JsonNode settings, Instant updatedAt) {

    public String setting(String name, String fallback) {
        JsonNode value = settings.path(name);
        return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? fallback : value.asText();
    }

    public String credential(String name) {
        JsonNode value = credentials.path(name);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    @Override
    public String toString() {
        return "AmsConnection[org=" + orgId + ", type=" + type + ", baseUrl=" + baseUrl + "]";
    }
}
