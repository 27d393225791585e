package com.callintel.hub.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemWriter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Jolokia takes POST requests only: a GET (a link, an image, a {@code ?p=} path) can neither read nor run anything,
 * and every console request of a signed-in browser goes through the CSRF check. jolokia-access.xml says the same
 * to Jolokia itself; this answer comes first, as a problem body. It is a 403, not a 405, because the console finds
 * its Jolokia by a GET and takes a 401 or 403 there as "an agent is here".
 */
class JolokiaPostOnlyFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    JolokiaPostOnlyFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the decoded path, as the servlet container maps it: /actuator/%6aolokia reaches Jolokia too
        String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
        boolean jolokia = path.startsWith("/actuator/jolokia") || path.startsWith("/actuator/hawtio/jolokia");
        return !jolokia || "POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        problems.write(request, response, Problem.of(403, "jolokia-post-only", "Jolokia takes POST requests only",
                "Send Jolokia requests as a JSON POST body with the Origin of the console; GET requests run nothing."));
    }
}
