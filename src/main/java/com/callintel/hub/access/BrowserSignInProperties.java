package com.callintel.hub.access;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The hub as an OpenID Connect client of the identity provider (the browser sign-in of the hub's pages and the
 * console): its client id, its secret (none for a public client; PKCE is used either way) and the scopes asked for.
 */
@ConfigurationProperties("callintel.access.browser-sign-in")
public record BrowserSignInProperties(String clientId, String clientSecret, List<String> scopes) {

    public BrowserSignInProperties {
        clientSecret = clientSecret == null ? "" : clientSecret.trim();
        scopes = scopes == null || scopes.isEmpty() ? List.of("openid") : List.copyOf(scopes);
    }
}
