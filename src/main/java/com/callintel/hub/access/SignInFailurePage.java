package com.callintel.hub.access;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * What a browser sees when the sign-in does not end in a session: a member of an organization no admin has set
 * up gets a plain page saying so (not an error), any other refusal a page with a way to try again. A client that
 * asks for JSON gets the same as an RFC 9457 problem. Written here, not redirected, so both ports show it.
 */
final class SignInFailurePage implements AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(SignInFailurePage.class);

    private final ProblemWriter problems;

    SignInFailurePage(ProblemWriter problems) {
        this.problems = problems;
    }

    /** The problem of a member whose organization no admin has set up yet. */
    static Problem notSetUp(String externalOrgId) {
        return Problem.of(403, "organization-not-set-up", "Your admin has not set up CallIntel yet",
                "Your organization (" + externalOrgId + ") has no CallIntel account yet. An admin of your organization "
                        + "creates it by signing in once; then sign in again.");
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean notSetUp = e instanceof OAuth2AuthenticationException oauth
                && BrowserSignIn.NOT_SET_UP.equals(oauth.getError().getErrorCode());
        Problem problem = notSetUp
                ? notSetUp(e.getCause() instanceof UnknownOrganizationException unknown ? unknown.externalId() : "yours")
                : Problem.of(401, "sign-in-failed", "Sign-in did not work",
                        "The identity provider's answer was not accepted. Sign in again; if it keeps failing, ask your admin.");
        if (!notSetUp) {
            log.info("Browser sign-in refused: {}", e.getMessage());
        }
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("json") && !accept.contains("text/html")) {
            problems.write(request, response, problem);
            return;
        }
        RefusalPage.html(response, problem, HubClientRegistrations.SIGN_IN, "Sign in again");
    }
}
