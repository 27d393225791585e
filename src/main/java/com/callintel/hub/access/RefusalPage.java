package com.callintel.hub.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemWriter;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

/**
 * A refusal as a browser should see it: a plain page with the problem's title and detail and one way on, not a JSON
 * body. A client that asks for JSON (and not for HTML) gets the same refusal as an RFC 9457 problem. The page names
 * the problem's type, so a script or a test can tell refusals apart as it can with the JSON.
 */
final class RefusalPage {

    private RefusalPage() {
    }

    /** Writes {@code problem} as a page for a browser, else as a problem body; the link is left out when null. */
    static void write(HttpServletRequest request, HttpServletResponse response, ProblemWriter problems, Problem problem,
                      String linkHref, String linkText) throws IOException {
        // only a page asked for as a page: scripts and API clients that send */* keep the problem body
        String accept = request.getHeader("Accept");
        if (accept == null || !accept.contains("text/html")) {
            problems.write(request, response, problem);
            return;
        }
        html(response, problem, linkHref, linkText);
    }

    /** Writes {@code problem} as the page. */
    static void html(HttpServletResponse response, Problem problem, String linkHref, String linkText) throws IOException {
        String type = problem.type().toString();
        response.setStatus(problem.status());
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + HtmlUtils.htmlEscape(problem.title()) + " — CallIntel</title>"
                + "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d2733}"
                + "a:focus-visible{outline:3px solid #f5a623;outline-offset:2px}</style>"
                + "</head><body><main data-problem=\"" + HtmlUtils.htmlEscape(type.substring(type.lastIndexOf('/') + 1))
                + "\"><h1>" + HtmlUtils.htmlEscape(problem.title()) + "</h1><p>" + HtmlUtils.htmlEscape(problem.detail()) + "</p>"
                + (linkHref == null ? "" : "<p><a href=\"" + HtmlUtils.htmlEscape(linkHref) + "\">" + HtmlUtils.htmlEscape(linkText)
                        + "</a></p>")
                + "</main></body></html>");
    }
}
