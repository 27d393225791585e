package com.callintel.hub.access;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The development identity provider's browser side: the authorization endpoint with a user picker (the demo users,
 * or the user of a token this issuer signed), its own sign-in cookie so a second client of the same browser (the
 * console on the management port) signs in without asking again, and the end-session endpoint. Redirect URIs must
 * be on this machine's loopback: it exists for the default run and the tests only.
 */
@RestController
@ConditionalOnProperty(name = "callintel.access.dev-issuer.enabled", havingValue = "true")
class DevSignInPage {

    static final String SESSION_COOKIE = "callintel_dev_idp";
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1");

    private final DevIdentityProvider provider;
    private final AccessProperties properties;

    DevSignInPage(DevIdentityProvider provider, AccessProperties properties) {
        this.provider = provider;
        this.properties = properties;
    }

    /** OpenID Connect authorization request: a code at once for a signed-in browser, else the user picker. */
    @GetMapping(path = "/dev/authorize")
    ResponseEntity<String> authorize(@RequestParam(name = "response_type", required = false) String responseType,
                                     @RequestParam(name = "client_id", required = false) String clientId,
                                     @RequestParam(name = "redirect_uri", required = false) String redirectUri,
                                     @RequestParam(required = false) String scope,
                                     @RequestParam(required = false) String state,
                                     @RequestParam(required = false) String nonce,
                                     @RequestParam(name = "code_challenge", required = false) String challenge,
                                     @RequestParam(name = "code_challenge_method", required = false) String challengeMethod,
                                     @RequestParam(required = false) String prompt,
                                     @CookieValue(name = SESSION_COOKIE, required = false) String session) {
        // errors about the client or its redirect URI are shown here, never sent to an unchecked address
        if (!provider.knownClient(clientId)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown client_id");
        }
        if (!loopback(redirectUri)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "redirect_uri must be an http URL on this machine's loopback");
        }
        if (!"code".equals(responseType) || scope == null || !scope.contains("openid")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "only response_type=code with the openid scope is supported");
        }
        if (challenge == null || !"S256".equals(challengeMethod)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "PKCE is required: code_challenge with code_challenge_method=S256");
        }
        DevAuthorizations.Request request = new DevAuthorizations.Request(clientId, redirectUri, state, nonce, challenge, scope);
        Optional<Map<String, Object>> signedIn = provider.authorizations().session(session);
        if (signedIn.isPresent() && !"login".equals(prompt)) {
            return grant(request, signedIn.get(), session);
        }
        return page(provider.authorizations().await(request), null);
    }

    /** The picker's choice of a demo user. */
    @GetMapping(path = "/dev/authorize/as")
    ResponseEntity<String> signInAs(@RequestParam String request, @RequestParam String user) {
        DevAuthorizations.Request pending = provider.authorizations().pending(request)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "sign-in request unknown or expired: start again"));
        AccessProperties.DemoUser demo = properties.devIssuer().users().get(user);
        if (demo == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown demo user");
        }
        return grant(pending, provider.claimsOf(demo), null);
    }

    /** The picker's other way in: the user of a token this issuer signed (tests sign in their own users so). */
    @PostMapping(path = "/dev/authorize/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> signInWithToken(@RequestParam String request, @RequestParam String token) {
        DevAuthorizations.Request pending = provider.authorizations().pending(request)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "sign-in request unknown or expired: start again"));
        Optional<Map<String, Object>> claims = provider.claimsOf(token);
        if (claims.isEmpty()) {
            // the request stays usable: the picker is shown again with the reason
            return page(provider.authorizations().await(pending), "That is not an unexpired token of this issuer.");
        }
        return grant(pending, claims.get(), null);
    }

    /** RP-initiated logout: ends this provider's browser session, then back to the client's signed-out page. */
    @GetMapping(path = "/dev/logout")
    ResponseEntity<String> logout(@RequestParam(name = "post_logout_redirect_uri", required = false) String redirect,
                                  @RequestParam(required = false) String state,
                                  @CookieValue(name = SESSION_COOKIE, required = false) String session) {
        provider.authorizations().endSession(session);
        ResponseEntity.BodyBuilder answer = loopback(redirect)
                ? ResponseEntity.status(HttpStatus.FOUND).location(URI.create(state == null ? redirect
                        : UriComponentsBuilder.fromUriString(redirect).queryParam("state", state).build().encode().toUriString()))
                : ResponseEntity.ok().contentType(MediaType.TEXT_HTML);
        return answer.header(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO).toString())
                .body(loopback(redirect) ? null : html("Signed out", "<p>You are signed out of the development identity provider.</p>"));
    }

    private ResponseEntity<String> grant(DevAuthorizations.Request request, Map<String, Object> claims, String session) {
        String code = provider.authorizations().grant(request, claims);
        UriComponentsBuilder target = UriComponentsBuilder.fromUriString(request.redirectUri()).queryParam("code", code);
        if (request.state() != null) {
            target.queryParam("state", request.state());
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.FOUND).location(target.encode().build().toUri());
        if (session == null) {
            String opened = provider.authorizations().openSession(claims);
            answer.header(HttpHeaders.SET_COOKIE, cookie(opened, Duration.ofMinutes(properties.devIssuer().tokenMinutes())).toString());
        }
        return answer.build();
    }

    private ResponseEntity<String> page(String request, String error) {
        StringBuilder users = new StringBuilder();
        properties.devIssuer().users().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            AccessProperties.DemoUser user = entry.getValue();
            String what = user.operator() ? "platform operator" : user.role() + (user.orgName() != null ? " of " + user.orgName() : "");
            users.append("<li><a class=\"user\" href=\"/dev/authorize/as?request=").append(HtmlUtils.htmlEscape(request))
                    .append("&amp;user=").append(HtmlUtils.htmlEscape(entry.getKey())).append("\">Sign in as ")
                    .append(HtmlUtils.htmlEscape(entry.getKey())).append("</a> <span class=\"muted\">")
                    .append(HtmlUtils.htmlEscape(user.email() + " — " + what)).append("</span></li>");
        });
        String body = "<p class=\"muted\">The development identity provider of this hub's default run. It signs in anyone "
                + "as anyone and never runs in production.</p>"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + HtmlUtils.htmlEscape(error) + "</p>")
                + "<h2>Demo users</h2><ul>" + users + "</ul>"
                + "<form method=\"post\" action=\"/dev/authorize/token\"><input type=\"hidden\" name=\"request\" value=\""
                + HtmlUtils.htmlEscape(request) + "\"><label for=\"token\">Or the user of a token of this issuer</label>"
                + "<textarea id=\"token\" name=\"token\" rows=\"3\" autocomplete=\"off\" spellcheck=\"false\" required></textarea>"
                + "<button type=\"submit\">Sign in with this token</button></form>";
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(html("Sign in to CallIntel", body));
    }

    private static String html(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + title + " — development identity provider</title>"
                + "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d2733}"
                + ".muted{color:#5b6673}.error{color:#a4161a}ul{padding-left:1.2rem}li{margin:.4rem 0}"
                + "a.user{font-weight:600}label{display:block;margin-top:1.5rem}textarea{width:100%}"
                + "button{margin-top:.5rem;padding:.4rem 1rem}</style></head><body><main><h1>" + title + "</h1>"
                + body + "</main></body></html>";
    }

    private static ResponseCookie cookie(String value, Duration lifetime) {
        return ResponseCookie.from(SESSION_COOKIE, value).path("/dev").httpOnly(true).sameSite("Lax").maxAge(lifetime).build();
    }

    static boolean loopback(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            return "http".equals(uri.getScheme()) && uri.getHost() != null && LOOPBACK.contains(uri.getHost())
                    && uri.getUserInfo() == null && uri.getFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
