package com.callintel.hub.access;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.callintel.hub.support.HttpClientSupport;
import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The development identity provider speaks OpenID Connect as the hub's browser sign-in needs it, and refuses what a
 * real provider refuses: a code redeemed without the PKCE verifier of its challenge, twice, or for another redirect
 * URI; an authorization request without PKCE or with a redirect URI off this machine.
 */
class DevIdentityProviderFlowTest extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "callintel-hub-dev";
    private static final String REDIRECT = "http://localhost:1/login/oauth2/code/hub";
    private static final String VERIFIER = "dBjftJeZ4CVP-mJ92K27uhbUJU1p1r_wW1gFWFOEjXkdBjftJeZ4CVP";
    private static final Pattern REQUEST = Pattern.compile("request=([A-Za-z0-9_-]+)&amp;user=agent");

    @Test
    void discoveryNamesTheEndpointsTheHubUses() throws Exception {
        JsonNode discovery = JSON.readTree(get("/dev/.well-known/openid-configuration").body());
        String issuer = "http://localhost:" + port + "/dev";
        assertThat(discovery.path("issuer").asText()).isEqualTo(issuer);
        assertThat(discovery.path("authorization_endpoint").asText()).isEqualTo(issuer + "/authorize");
        assertThat(discovery.path("token_endpoint").asText()).isEqualTo(issuer + "/oauth/token");
        assertThat(discovery.path("end_session_endpoint").asText()).isEqualTo(issuer + "/logout");
        assertThat(discovery.path("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void codeIsRedeemedOnceAndOnlyWithTheVerifierOfItsChallenge() throws Exception {
        String code = codeForTheDemoAgent();
        assertThat(redeem(code, "x".repeat(50), REDIRECT).statusCode()).as("wrong verifier").isEqualTo(400);
        assertThat(redeem(code, VERIFIER, REDIRECT).statusCode()).as("a refused code is spent too").isEqualTo(400);

        String another = codeForTheDemoAgent();
        assertThat(redeem(another, VERIFIER, "http://localhost:2/elsewhere").statusCode()).as("other redirect_uri").isEqualTo(400);

        String good = codeForTheDemoAgent();
        HttpResponse<String> tokens = redeem(good, VERIFIER, REDIRECT);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(tokens.body());
        var idToken = SignedJWT.parse(body.path("id_token").asText()).getJWTClaimsSet();
        assertThat(idToken.getAudience()).containsExactly(CLIENT);
        assertThat(idToken.getStringClaim("nonce")).isEqualTo("n-0S6_WzA2Mj");
        assertThat(idToken.getSubject()).isEqualTo("user_demo_agent");
        assertThat(SignedJWT.parse(body.path("access_token").asText()).getJWTClaimsSet().getStringClaim("org_role")).isEqualTo("org:member");
        assertThat(redeem(good, VERIFIER, REDIRECT).statusCode()).as("second redemption").isEqualTo(400);
    }

    @Test
    void authorizationRequestsWithoutPkceOrWithARedirectOffThisMachineAreRefused() {
        assertThat(HttpClientSupport.get(authorize(REDIRECT, null)).statusCode()).isEqualTo(400);
        assertThat(HttpClientSupport.get(authorize("https://evil.example/cb", challenge())).statusCode()).isEqualTo(400);
    }

    private String codeForTheDemoAgent() {
        HttpClient browser = HttpClientSupport.browser();
        HttpResponse<String> picker = HttpClientSupport.get(browser, authorize(REDIRECT, challenge()));
        Matcher request = REQUEST.matcher(picker.body());
        assertThat(request.find()).as(picker.body()).isTrue();
        HttpResponse<String> back = HttpClientSupport.get(browser,
                "http://localhost:" + port + "/dev/authorize/as?request=" + request.group(1) + "&user=agent");
        assertThat(back.statusCode()).isEqualTo(302);
        URI location = URI.create(back.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(REDIRECT + "?");
        assertThat(UriComponentsBuilder.fromUri(location).build().getQueryParams().getFirst("state")).isEqualTo("st-1");
        return UriComponentsBuilder.fromUri(location).build().getQueryParams().getFirst("code");
    }

    private String authorize(String redirect, String challenge) {
        return "http://localhost:" + port + "/dev/authorize?response_type=code&client_id=" + CLIENT
                + "&scope=openid%20email&state=st-1&nonce=n-0S6_WzA2Mj&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + (challenge == null ? "" : "&code_challenge=" + challenge + "&code_challenge_method=S256");
    }

    private HttpResponse<String> redeem(String code, String verifier, String redirect) {
        return HttpClientSupport.postForm(HttpClient.newHttpClient(), "http://localhost:" + port + "/dev/oauth/token",
                Map.of("grant_type", "authorization_code", "code", code, "code_verifier", verifier,
                        "redirect_uri", redirect, "client_id", CLIENT));
    }

    private static String challenge() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
