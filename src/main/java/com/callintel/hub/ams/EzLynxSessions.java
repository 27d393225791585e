package com.callintel.hub.ams;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.stereotype.Component;

/**
 * The headers that authenticate the hub at EZLynx, per organization, in one of the two schemes public clients use
 * (the connection's {@code authScheme} setting): {@code eztoken}, the classic session - {@code GET …/authenticate}
 * with {@code EZUser}, {@code EZPassword}, {@code EZAppSecret} and {@code EZToken: authenticate}, the session coming
 * back in the {@code EZToken} response header and sent with {@code EZAppSecret} and {@code AccountUsername} - or
 * {@code vendor-data-access}, the OAuth gateway's {@code grant_type=vendor_data_access} with client_id,
 * client_secret, username, integration_group_id and scope. Neither is client_credentials. Sessions are kept until
 * EZLynx refuses one (the EZToken lifetime is unpublished) or a token's expires_in runs out, and dropped when the
 * connection changes. Both endpoints are under the connection's base URL, checked by the egress policy.
 */
@Component
class EzLynxSessions {

    static final String EZTOKEN = "eztoken";
    static final String VENDOR_DATA_ACCESS = "vendor-data-access";

    private record Session(Map<String, String> headers, Instant expires, Instant connectionVersion) {
    }

    private final Map<UUID, Session> sessions = new ConcurrentHashMap<>();
    private final CloseableHttpClient http;
    private final AmsRequestUris uris;
    private final ObjectMapper mapper;
    private final Clock clock;

    EzLynxSessions(CloseableHttpClient egressHttpClient, AmsRequestUris uris, ObjectMapper mapper, Clock clock) {
        this.http = egressHttpClient;
        this.uris = uris;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The authentication headers of the connection's scheme, authenticating first when no session is kept. */
    Map<String, String> headers(AmsConnection ams, EzLynxPaths paths) {
        Session session = sessions.get(ams.orgId());
        Instant now = clock.instant();
        if (session == null || !session.connectionVersion().equals(ams.updatedAt()) || now.isAfter(session.expires())) {
            session = switch (scheme(ams)) {
                case EZTOKEN -> ezToken(ams, paths, now);
                case VENDOR_DATA_ACCESS -> gateway(ams, paths, now);
                default -> throw new AmsRefusedException("the EZLynx connection's authScheme must be eztoken or vendor-data-access");
            };
            sessions.put(ams.orgId(), session);
        }
        return session.headers();
    }

    /** EZLynx refused the session (401): the next call authenticates again. */
    void invalidate(UUID orgId) {
        sessions.remove(orgId);
    }

    static String scheme(AmsConnection ams) {
        return ams.setting("authScheme", EZTOKEN);
    }

    private Session ezToken(AmsConnection ams, EzLynxPaths paths, Instant now) {
        String user = required(ams, "username");
        String appSecret = required(ams, "appSecret");
        HttpGet request = new HttpGet(uris.uri(ams, paths.authenticate()));
        request.setHeader("EZUser", user);
        request.setHeader("EZPassword", required(ams, "password"));
        request.setHeader("EZAppSecret", appSecret);
        request.setHeader("EZToken", "authenticate");
        Answer answer = send(request);
        if (answer.status() == 401 || answer.status() == 403) {
            throw new AmsRefusedException("the AMS refused the hub's EZLynx user or app secret (HTTP " + answer.status() + ")");
        }
        if (answer.status() != 200 || answer.ezToken() == null || answer.ezToken().isBlank()) {
            throw new AmsUnavailableException("EZLynx authenticate answered HTTP " + answer.status() + " without an EZToken");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("EZToken", answer.ezToken());
        headers.put("EZAppSecret", appSecret);
        headers.put("AccountUsername", ams.credential("accountUsername") == null ? user : ams.credential("accountUsername"));
        return new Session(Map.copyOf(headers), Instant.MAX, ams.updatedAt());
    }

    private Session gateway(AmsConnection ams, EzLynxPaths paths, Instant now) {
        String form = "grant_type=vendor_data_access"
                + "&client_id=" + encode(required(ams, "clientId"))
                + "&client_secret=" + encode(required(ams, "clientSecret"))
                + "&username=" + encode(required(ams, "username"))
                + "&integration_group_id=" + encode(required(ams, "integrationGroupId"))
                + "&scope=" + encode(ams.credential("scope") == null ? paths.scope() : ams.credential("scope"));
        HttpPost request = new HttpPost(uris.uri(ams, paths.gateway()));
        request.setHeader("Accept", "application/json");
        request.setEntity(new StringEntity(form, ContentType.APPLICATION_FORM_URLENCODED));
        Answer answer = send(request);
        if (answer.status() == 400 || answer.status() == 401) {
            throw new AmsRefusedException("the AMS refused the hub's EZLynx client, user or integration group (HTTP "
                    + answer.status() + ")");
        }
        if (answer.status() != 200) {
            throw new AmsUnavailableException("EZLynx token endpoint answered HTTP " + answer.status());
        }
        try {
            JsonNode body = mapper.readTree(answer.body());
            String token = body.path("access_token").asText("");
            if (token.isBlank()) {
                throw new AmsUnavailableException("EZLynx token endpoint answered without an access_token");
            }
            long lifetime = body.path("expires_in").asLong(300);
            long margin = Math.min(60, lifetime / 5);
            return new Session(Map.of("Authorization", "Bearer " + token), now.plusSeconds(lifetime - margin), ams.updatedAt());
        } catch (IOException e) {
            throw new AmsUnavailableException("EZLynx token endpoint answered something that is not JSON");
        }
    }

    private Answer send(HttpUriRequestBase request) {
        try {
            return http.execute(request, r -> new Answer(r.getCode(),
                    r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8),
                    r.getFirstHeader("EZToken") == null ? null : r.getFirstHeader("EZToken").getValue()));
        } catch (IOException e) {
            throw new AmsUnavailableException("EZLynx authentication unreachable: " + e.getMessage());
        }
    }

    private static String required(AmsConnection ams, String name) {
        String value = ams.credential(name);
        if (value == null || value.isBlank()) {
            throw new AmsRefusedException("the EZLynx connection's credentials lack " + name + " for the "
                    + scheme(ams) + " scheme");
        }
        return value;
    }

    private record Answer(int status, String body, String ezToken) {
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
