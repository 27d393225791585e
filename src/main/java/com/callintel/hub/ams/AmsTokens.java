package com.callintel.hub.ams;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * OAuth 2.0 client-credentials tokens for AMS APIs (Applied Epic, the generic REST connector), kept per
 * organization until shortly before {@code expires_in} runs out and dropped when the AMS answers 401 or the
 * connection changes. Connector files call {@code bearer(...)} for their Authorization header.
 */
@Component("amsTokens")
public class AmsTokens {

    private record Token(String value, Instant expires, Instant connectionVersion) {
    }

    private final Map<UUID, Token> tokens = new ConcurrentHashMap<>();
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final AmsSyncProperties properties;

    AmsTokens(ObjectMapper mapper, Clock clock, AmsSyncProperties properties) {
        this.mapper = mapper;
        this.clock = clock;
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.callTimeout()).build();
    }

    /** "Bearer …" for the connection, fetching a token from {@code authEndpointPath} (or the tokenUrl setting) when needed. */
    public String bearer(AmsConnection ams, String authEndpointPath) {
        Token token = tokens.get(ams.orgId());
        Instant now = clock.instant();
        if (token == null || !token.connectionVersion().equals(ams.updatedAt()) || now.isAfter(token.expires())) {
            token = fetch(ams, authEndpointPath, now);
            tokens.put(ams.orgId(), token);
        }
        return "Bearer " + token.value();
    }

    /** The AMS refused the token (401): the next call fetches a fresh one. */
    public void invalidate(UUID orgId) {
        tokens.remove(orgId);
    }

    private Token fetch(AmsConnection ams, String authEndpointPath, Instant now) {
        String url = ams.setting("tokenUrl", ams.baseUrl() + authEndpointPath);
        StringBuilder form = new StringBuilder("grant_type=client_credentials")
                .append("&client_id=").append(encode(ams.credential("clientId")))
                .append("&client_secret=").append(encode(ams.credential("clientSecret")));
        if (ams.credential("scope") != null) {
            form.append("&scope=").append(encode(ams.credential("scope")));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.callTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AmsUnavailableException("token endpoint unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmsUnavailableException("interrupted while fetching a token");
        }
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            throw new AmsRefusedException("the AMS refused the hub's client credentials (HTTP " + response.statusCode() + ")");
        }
        if (response.statusCode() != 200) {
            throw new AmsUnavailableException("token endpoint answered HTTP " + response.statusCode());
        }
        try {
            JsonNode body = mapper.readTree(response.body());
            long lifetime = body.path("expires_in").asLong(300);
            // renew a minute early (or at 80 % of a short lifetime) so no call goes out with a dying token
            long margin = Math.min(60, lifetime / 5);
            return new Token(body.path("access_token").asText(), now.plusSeconds(lifetime - margin), ams.updatedAt());
        } catch (IOException e) {
            throw new AmsUnavailableException("token endpoint answered something that is not JSON");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
