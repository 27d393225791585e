package com.callintel.hub.access;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the hub's pages learn about their browser session ({@code GET /session}): who is signed in, and the CSRF
 * token their state-changing API calls must send back in a header. The session cookie itself stays HttpOnly, and
 * no token of the identity provider ever reaches the page.
 */
@RestController
class SignedInSession {

    @GetMapping(path = "/session", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> session(@AuthenticationPrincipal SignedInUser signedIn, HttpServletRequest request) {
        if (signedIn == null) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "sign in first");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", signedIn.getSubject());
        body.put("email", signedIn.getEmail());
        HubUser user = signedIn.user();
        body.put("orgId", user == null ? null : user.orgId());
        body.put("role", user == null ? null : user.role().name().toLowerCase());
        body.put("operator", signedIn.operator());
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
            body.put("csrf", Map.of("header", csrf.getHeaderName(), "token", csrf.getToken()));
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
