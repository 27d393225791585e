package com.callintel.hub.transcripts;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.callintel.hub.egress.EgressPolicy;
import com.callintel.hub.tenancy.ProviderOAuthApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * Access tokens of a provider account's OAuth app (Zoom's Server-to-Server OAuth): {@code POST <token-url>?
 * grant_type=account_credentials&account_id=…} with the app's client id and secret as Basic authorization, through
 * the egress client, the token endpoint checked against the provider's hosts. A token is kept in memory per
 * account until shortly before it expires and dropped when the provider refuses it. Neither the secret nor a
 * token is ever logged or put into a failure's message.
 */
@Component
class AccessTokens {

    /** A token is renewed this long before its {@code expires_in} runs out (at most half its life). */
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    private static final int MAX_ANSWER_BYTES = 16_384;

    private record Kept(ProviderOAuthApp app, String token, Instant renewAt) {
    }

    private final Map<UUID, Kept> kept = new ConcurrentHashMap<>();
    private final CloseableHttpClient http;
    private final EgressPolicy egress;
    private final TranscriptProperties properties;
    private final ObjectMapper mapper;

    AccessTokens(CloseableHttpClient egressHttpClient, EgressPolicy egress, TranscriptProperties properties, ObjectMapper mapper) {
        this.http = egressHttpClient;
        this.egress = egress;
        this.properties = properties;
        this.mapper = mapper;
    }

    /** A valid access token of {@code app}: the one kept, or a new one from the provider's token endpoint. */
    String token(String provider, ProviderOAuthApp app) {
        return kept.compute(app.accountId(), (id, current) ->
                current != null && current.app().equals(app) && Instant.now().isBefore(current.renewAt())
                        ? current : obtain(provider, app)).token();
    }

    /** The provider refused {@code app}'s kept token: the next {@link #token} asks for a new one. */
    void forget(ProviderOAuthApp app) {
        kept.remove(app.accountId());
    }

    private Kept obtain(String provider, ProviderOAuthApp app) {
        URI endpoint = endpoint(provider);
        HttpPost post = new HttpPost(URI.create(endpoint + "?grant_type=account_credentials&account_id="
                + URLEncoder.encode(app.providerAccountId(), StandardCharsets.UTF_8)));
        post.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (app.clientId() + ":" + app.clientSecret()).getBytes(StandardCharsets.UTF_8)));
        post.setHeader("Accept", "application/json");
        post.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)).build());
        try (ClassicHttpResponse response = http.executeOpen(null, post, null)) {
            int status = response.getCode();
            JsonNode answer = answer(response);
            if (status != 200) {
                throw new TranscriptDownload.LinkFailure(status, Optional.empty(), "the token endpoint answered " + status
                        + refusal(answer) + (status == 400 || status == 401 ? " (the OAuth app's credentials were refused)" : ""));
            }
            String token = answer.path("access_token").asText("");
            long lifetime = answer.path("expires_in").asLong(0);
            if (token.isBlank() || lifetime <= 0) {
                throw new TranscriptDownload.LinkFailure(502, Optional.empty(), "the token endpoint answered no access token");
            }
            Duration life = Duration.ofSeconds(lifetime);
            Duration margin = RENEW_BEFORE.compareTo(life.dividedBy(2)) < 0 ? RENEW_BEFORE : life.dividedBy(2);
            return new Kept(app, token, Instant.now().plus(life).minus(margin));
        } catch (IOException e) {
            throw new TranscriptDownload.LinkFailure(0, Optional.empty(),
                    "the token endpoint could not be reached (" + e.getClass().getSimpleName() + ")");
        }
    }

    private URI endpoint(String provider) {
        String url = properties.tokenUrls().get(provider);
        List<String> hosts = properties.linkHosts().getOrDefault(provider, List.of());
        if (url == null) {
            throw new TranscriptDownload.LinkFailure(400, Optional.empty(), "no token endpoint is configured for " + provider);
        }
        return egress.checkProviderLink(url, provider, hosts);
    }

    private JsonNode answer(ClassicHttpResponse response) {
        try {
            if (response.getEntity() == null || response.getEntity().getContentLength() > MAX_ANSWER_BYTES) {
                return mapper.missingNode();
            }
            return mapper.readTree(EntityUtils.toString(response.getEntity(), MAX_ANSWER_BYTES));
        } catch (Exception notJson) {
            return mapper.missingNode();
        }
    }

    /** Zoom's error code and reason ({@code {"reason":…,"error":"invalid_client"}}), short and on one line. */
    private static String refusal(JsonNode answer) {
        String error = answer.path("error").asText("");
        String reason = answer.path("reason").asText("").replaceAll("\\s+", " ");
        if (error.isBlank() && reason.isBlank()) {
            return "";
        }
        String said = (error + (error.isBlank() || reason.isBlank() ? "" : ": ") + reason);
        return " (" + (said.length() > 160 ? said.substring(0, 160) : said) + ")";
    }
}
