package com.callintel.hub.sandbox.ams;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OAuth 2.0 client-credentials token endpoint of the REST simulators (RFC 6749 §4.4): a form-encoded POST,
 * the client authenticated by {@code client_id}/{@code client_secret} in the form or by HTTP Basic, an
 * optional space-separated {@code scope}, and - where the vendor requires one (Applied's
 * {@code audience=api.myappliedproducts.com/epic}) - the {@code audience}: a request without it is refused, as
 * the vendor would refuse it. Errors are RFC 6749 §5.2 bodies: {@code {"error":"invalid_client"}}.
 */
final class ClientCredentialsGrant {

    /** Makes the token string for one grant. */
    interface TokenMinter {
        String mint(String clientId, Set<String> scopes, Instant issuedAt, Instant expiresAt);
    }

    private final String clientId;
    private final String clientSecret;
    private final Set<String> grantableScopes;
    private final String requiredAudience;
    private final int invalidClientStatus;
    private final TokenStore tokens;
    private final TokenMinter minter;
    private final ObjectMapper json = new ObjectMapper();

    /** {@code requiredAudience} null: no audience is asked for (the generic REST vendors). */
    ClientCredentialsGrant(String clientId, String clientSecret, Set<String> grantableScopes, String requiredAudience,
            int invalidClientStatus, TokenStore tokens, TokenMinter minter) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.grantableScopes = Set.copyOf(grantableScopes);
        this.requiredAudience = requiredAudience;
        this.invalidClientStatus = invalidClientStatus;
        this.tokens = tokens;
        this.minter = minter;
    }

    SimulatorResponse answer(IncomingRequest request, Instant now) {
        if (!request.method().equals("POST")) {
            return error(405, "invalid_request").withHeader("Allow", "POST");
        }
        String contentType = String.valueOf(request.header("Content-Type")).toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            return error(400, "invalid_request");
        }
        Map<String, String> form = request.formParams();
        String[] basic = basicCredentials(request.header("Authorization"));
        String id = basic != null ? basic[0] : form.get("client_id");
        String secret = basic != null ? basic[1] : form.get("client_secret");
        if (basic != null && clientId.equals(basic[2]) && clientSecret.equals(basic[3])) {
            // Applied documents base64(key + ':' + secret) without RFC 6749's form-encoding of each part
            id = basic[2];
            secret = basic[3];
        }
        if (!clientId.equals(id) || !clientSecret.equals(secret)) {
            SimulatorResponse refused = error(basic != null ? 401 : invalidClientStatus, "invalid_client");
            return basic != null ? refused.withHeader("WWW-Authenticate", "Basic") : refused;
        }
        String grantType = form.get("grant_type");
        if (grantType == null) {
            return error(400, "invalid_request");
        }
        if (!grantType.equals("client_credentials")) {
            return error(400, "unsupported_grant_type");
        }
        // Applied's guide: "grant_type=client_credentials" as well as "audience=api.myappliedproducts.com/epic";
        // the status and error code of a token request without it are unpublished (400 invalid_request assumed)
        if (requiredAudience != null && !requiredAudience.equals(form.get("audience"))) {
            return error(400, "invalid_request");
        }
        Set<String> scopes = requestedScopes(form.get("scope"));
        if (!grantableScopes.containsAll(scopes)) {
            return error(400, "invalid_scope");
        }
        Instant expiresAt = now.plus(tokens.lifetime());
        String token = minter.mint(id, scopes, now, expiresAt);
        tokens.issue(token, scopes);
        ObjectNode body = json.createObjectNode().put("access_token", token).put("token_type", "Bearer")
                .put("expires_in", tokens.lifetime().toSeconds());
        if (!scopes.isEmpty()) {
            body.put("scope", String.join(" ", scopes));
        }
        return SimulatorResponse.of(200, "application/json", body.toString()).withHeader("Cache-Control", "no-store");
    }

    private Set<String> requestedScopes(String scope) {
        if (scope == null || scope.isBlank()) {
            return grantableScopes;
        }
        return new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
    }

    /**
     * {id, secret} of an HTTP Basic header (each form-urlencoded per RFC 6749 §2.3.1), then {id, secret} as they
     * stand (Applied's raw form), or null.
     */
    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon < 0) {
                return new String[] {pair, "", pair, ""};
            }
            String rawId = pair.substring(0, colon);
            String rawSecret = pair.substring(colon + 1);
            return new String[] {decode(rawId), decode(rawSecret), rawId, rawSecret};
        } catch (IllegalArgumentException e) {
            return new String[] {"", "", "", ""};
        }
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }

    private SimulatorResponse error(int status, String error) {
        return SimulatorResponse.of(status, "application/json", json.createObjectNode().put("error", error).toString())
                .withHeader("Cache-Control", "no-store");
    }
}
