package com.callintel.hub.ams;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.stereotype.Component;

/**
 * The Authorization header a declaratively configured AMS connector sends: an OAuth 2.0 client-credentials
 * bearer token (fetched and kept by {@link AmsTokens}) or HTTP Basic from the connection's username and password.
 */
@Component("amsAuthorization")
public class AmsAuthorization {

    static final String OAUTH2_CLIENT_CREDENTIALS = "oauth2-client-credentials";
    static final String BASIC = "basic";

    private final AmsTokens tokens;

    AmsAuthorization(AmsTokens tokens) {
        this.tokens = tokens;
    }

    /** The header value for {@code scheme}; {@code authEndpointPath} is used by the OAuth scheme only. */
    public String header(AmsConnection ams, String scheme, String authEndpointPath) {
        if (OAUTH2_CLIENT_CREDENTIALS.equals(scheme)) {
            return tokens.bearer(ams, authEndpointPath);
        }
        if (BASIC.equals(scheme)) {
            String user = ams.credential("username");
            String password = ams.credential("password");
            if (user == null || password == null) {
                throw new AmsRefusedException("the AMS connection needs credentials {\"username\", \"password\"} for HTTP Basic");
            }
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        throw new AmsRefusedException("the connector's authScheme '" + scheme + "' is not "
                + OAUTH2_CLIENT_CREDENTIALS + " or " + BASIC);
    }
}
