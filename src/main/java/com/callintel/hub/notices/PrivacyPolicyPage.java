package com.callintel.hub.notices;

import java.util.Optional;

import com.callintel.hub.notices.Policies.PolicyVersion;
import com.callintel.hub.problem.ApiProblems;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The public privacy policy at /privacy (no sign-in): the version in force with its effective date, and the next
 * version once announced, so anyone can read what changes and when. Operators' text is escaped, never markup.
 */
@Component
class PrivacyPolicyPage extends RouteBuilder {

    private final Policies policies;

    PrivacyPolicyPage(Policies policies) {
        this.policies = policies;
    }

    @Override
    public void configure() {
        rest("/privacy").apiDocs(false)
                .get().id("privacy-policy").produces("text/html").to("direct:privacy-policy-page");

        // The version in force (the latest whose effective date has come), and the one announced next.
        from("direct:privacy-policy-page").routeId("privacy-policy-page").routeConfigurationId(ApiProblems.ID)
                .process(this::render);
    }

    private void render(Exchange exchange) {
        Optional<PolicyVersion> inForce = policies.inForce();
        Optional<PolicyVersion> upcoming = policies.upcoming();
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Privacy policy · CallIntel</title>
                  <style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
                  .policy{white-space:pre-wrap}.note{border-left:4px solid #b45309;padding-left:1rem}</style>
                </head>
                <body>
                <main>
                <h1>CallIntel privacy policy</h1>
                """);
        inForce.ifPresentOrElse(version -> html.append("<p><strong>Effective date: ")
                        .append(version.effectiveDate()).append("</strong></p>\n<div class=\"policy\">")
                        .append(HtmlUtils.htmlEscape(version.text())).append("</div>\n"),
                () -> html.append("<p>No privacy policy has been published on this hub yet.</p>\n"));
        upcoming.ifPresent(version -> html.append("<section class=\"note\" aria-labelledby=\"next\">")
                .append("<h2 id=\"next\">A new version takes effect on ").append(version.effectiveDate())
                .append("</h2>\n<div class=\"policy\">").append(HtmlUtils.htmlEscape(version.text()))
                .append("</div>\n</section>\n"));
        html.append("</main>\n</body>\n</html>\n");
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=UTF-8");
        message.setBody(html.toString());
    }
}
