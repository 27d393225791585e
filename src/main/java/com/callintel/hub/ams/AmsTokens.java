package com.callintel.hub.ams;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.callintel.hub.egress.EgressPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.stereotype.Component;

/**
 * OAuth 2.0 client-credentials tokens for AMS APIs (Applied Epic, the generic REST connector), kept per
 * organization until shortly before {@code expires_in} runs out and dropped when the AMS answers 401 or the
 * connection changes. Connector files call {@code bearer(...)} for their Authorization header: the client
 * authenticates in the form body (RFC 6749 §2.3.1's alternative, the generic connector) or, as Applied's guide
 * shows it, with HTTP Basic plus an {@code audience}. The token endpoint goes through the egress policy like every
 * AMS call: where the vendor fixes the AMS's hosts (Applied Epic), its token endpoint is the base URL's, never a
 * tenant's tokenUrl setting.
 */
@Component("amsTokens")
public class AmsTokens {

    private record Token(String value, Instant expires, Instant connectionVersion) {
    }

    private final Map<UUID, Token> tokens = new ConcurrentHashMap<>();
    private final CloseableHttpClient http;
    private final AmsRequestUris uris;
    private final EgressPolicy egress;
    private final ObjectMapper mapper;
    private final Clock clock;

    AmsTokens(CloseableHttpClient egressHttpClient, AmsRequestUris uris, EgressPolicy egress, ObjectMapper mapper,
              Clock clock) {
        this.http = egressHttpClient;
        this.uris = uris;
        this.egress = egress;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The client authenticates with HTTP Basic (Applied's guide); otherwise with client_id/client_secret in the form. */
    public static final String BASIC_CLIENT_AUTHENTICATION = "basic";

    /** "Bearer …" for the connection, fetching a token from {@code authEndpointPath} (or the tokenUrl setting) when needed. */
    public String bearer(AmsConnection ams, String authEndpointPath) {
        return bearer(ams, authEndpointPath, "body", "");
    }

    /**
     * "Bearer …" for the connection, the client authenticated as {@code clientAuthentication} says ("basic" or
     * "body") and the token asked for {@code audience} (the connection's oauthAudience setting wins; blank: none).
     */
    public String bearer(AmsConnection ams, String authEndpointPath, String clientAuthentication, String audience) {
        Token token = tokens.get(ams.orgId());
        Instant now = clock.instant();
        if (token == null || !token.connectionVersion().equals(ams.updatedAt()) || now.isAfter(token.expires())) {
            token = fetch(ams, authEndpointPath, BASIC_CLIENT_AUTHENTICATION.equals(clientAuthentication),
                    ams.setting("oauthAudience", audience), now);
            tokens.put(ams.orgId(), token);
        }
        return "Bearer " + token.value();
    }

    /** The AMS refused the token (401): the next call fetches a fresh one. */
    public void invalidate(UUID orgId) {
        tokens.remove(orgId);
    }

    private Token fetch(AmsConnection ams, String authEndpointPath, boolean basic, String audience, Instant now) {
        String url = tokenUrl(ams, authEndpointPath);
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (!basic) {
            form.append("&client_id=").append(encode(ams.credential("clientId")))
                    .append("&client_secret=").append(encode(ams.credential("clientSecret")));
        }
        if (audience != null && !audience.isBlank()) {
            // as Applied's guide writes it: "audience=api.myappliedproducts.com/epic" ("/" needs no escape in a form)
            form.append("&audience=").append(encode(audience.trim()).replace("%2F", "/"));
        }
        if (ams.credential("scope") != null) {
            form.append("&scope=").append(encode(ams.credential("scope")));
        }
        HttpPost request = new HttpPost(url);
        request.setHeader("Accept", "application/json");
        if (basic) {
            // Applied: 'Basic ' + base64(<key> + ':' + <secret>), the key and secret as issued
            String pair = String.valueOf(ams.credential("clientId")) + ":" + String.valueOf(ams.credential("clientSecret"));
            request.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        request.setEntity(new StringEntity(form.toString(), ContentType.APPLICATION_FORM_URLENCODED));
        Answer response;
        try {
            response = http.execute(request, r -> new Answer(r.getCode(),
                    r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new AmsUnavailableException("token endpoint unreachable: " + e.getMessage());
        }
        if (response.status() == 400 || response.status() == 401) {
            throw new AmsRefusedException("the AMS refused the hub's client credentials (HTTP " + response.status() + ")");
        }
        if (response.status() != 200) {
            throw new AmsUnavailableException("token endpoint answered HTTP " + response.status());
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

    /**
     * The token endpoint: the connection's tokenUrl setting where the vendor leaves it open (checked by the egress
     * policy), otherwise the base URL's {@code authEndpointPath}. A vendor with fixed hosts takes no tokenUrl but a
     * sandbox simulator's.
     */
    private String tokenUrl(AmsConnection ams, String authEndpointPath) {
        String configured = ams.setting("tokenUrl", null);
        if (configured == null) {
            return uris.uri(ams, authEndpointPath);
        }
        if (egress.vendorFixesHosts(ams.type()) && !egress.isExempt(configured)) {
            throw new AmsRefusedException("the AMS connection's tokenUrl is fixed by the vendor and may not be set");
        }
        return uris.checked(ams, configured, "tokenUrl");
    }

    private record Answer(int status, String body) {
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
