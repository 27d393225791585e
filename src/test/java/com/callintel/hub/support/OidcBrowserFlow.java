package com.callintel.hub.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser sign-in driven over HTTP, as a browser does it: from a page of the hub through the OpenID Connect
 * redirects to the development identity provider's picker, signed in there as the user of a token, and back.
 * The client must keep cookies and not follow redirects ({@link HttpClientSupport#browser()}).
 */
public final class OidcBrowserFlow {

    private static final Pattern REQUEST = Pattern.compile("name=\"request\" value=\"([^\"]+)\"");
    private static final int MAX_HOPS = 10;

    private OidcBrowserFlow() {
    }

    /** Opens {@code url}, signs in at the picker as the user of {@code token}, and returns the answer at the end. */
    public static HttpResponse<String> signIn(HttpClient browser, String url, String token) {
        HttpResponse<String> picker = follow(browser, HttpClientSupport.get(browser, url));
        Matcher request = REQUEST.matcher(picker.body());
        assertThat(request.find()).as("the identity provider's picker, reached from " + url + ": " + picker.body()).isTrue();
        URI at = picker.request().uri();
        HttpResponse<String> back = HttpClientSupport.postForm(browser, at.resolve("/dev/authorize/token").toString(),
                Map.of("request", request.group(1), "token", token));
        return follow(browser, back);
    }

    /** Signs in to the hub on {@code port}, in a browser session of its own, as the user of {@code token}. */
    public static HttpResponse<String> signInToTheHub(int port, String token) {
        HttpResponse<String> landed = signIn(HttpClientSupport.browser(), "http://localhost:" + port + "/dashboard/", token);
        assertThat(landed.statusCode()).as("signed in: " + landed.body()).isEqualTo(200);
        return landed;
    }

    /** Follows redirects with the client's cookies until an answer that is none. */
    public static HttpResponse<String> follow(HttpClient browser, HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int hop = 0; hop < MAX_HOPS && current.statusCode() / 100 == 3; hop++) {
            String location = current.headers().firstValue("Location").orElseThrow();
            current = HttpClientSupport.get(browser, current.request().uri().resolve(location).toString());
        }
        return current;
    }
}
