package com.callintel.hub.access;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * After the hub's session ended ({@code POST /logout} with the CSRF token): on to the identity provider's
 * end-session endpoint, which ends its own session and comes back to {@code /signed-out/}. A page that signs out
 * with fetch() asks for JSON and gets the address to go to (a script cannot follow a redirect to another origin).
 */
final class SignOut {

    static final String SIGNED_OUT = "/signed-out/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SignOut() {
    }

    static LogoutSuccessHandler handler(ClientRegistrationRepository registrations) {
        OidcClientInitiatedLogoutSuccessHandler provider = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        provider.setPostLogoutRedirectUri("{baseUrl}" + SIGNED_OUT);
        provider.setDefaultTargetUrl(SIGNED_OUT);
        provider.setRedirectStrategy(SignOut::go);
        return provider;
    }

    private static void go(HttpServletRequest request, HttpServletResponse response, String url) throws IOException {
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE)) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setHeader("Cache-Control", "no-store");
            JSON.writeValue(response.getOutputStream(), Map.of("location", url));
            return;
        }
        response.sendRedirect(url.startsWith("/") ? request.getContextPath() + url : url);
    }
}
