package com.callintel.hub.admin;

import java.net.URI;

import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The URL providers reach the hub at, which the webhook URLs shown to admins are built from. Production must
 * configure it (the hub refuses to start without it): a request's Host header is chosen by whoever sends the
 * request, so it is trusted only in the sandbox, and never under the {@code prod} profile.
 */
@Component
public class PublicBaseUrl {

    private final String configured;
    private final boolean fromHost;

    PublicBaseUrl(@Value("${callintel.public-base-url:}") String configured,
                  @Value("${callintel.public-base-url-from-host:false}") boolean fromHost, Environment environment) {
        boolean production = environment.acceptsProfiles(Profiles.of("prod"));
        this.configured = configured == null ? "" : configured.strip().replaceAll("/+$", "");
        this.fromHost = fromHost && !production;
        if (this.configured.isEmpty() && !this.fromHost) {
            throw new IllegalStateException("callintel.public-base-url (CALLINTEL_PUBLIC_BASE_URL) is empty: set it to the"
                    + " https URL providers reach this hub at - webhook URLs are never built from a request's Host header"
                    + (production ? " in production" : ""));
        }
        if (!this.configured.isEmpty()) {
            URI uri;
            try {
                uri = URI.create(this.configured);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("callintel.public-base-url is not a URL: " + this.configured);
            }
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || !production && "http".equals(uri.getScheme()))) {
                throw new IllegalStateException("callintel.public-base-url must be an " + (production ? "https" : "http(s)")
                        + " URL: " + this.configured);
            }
        }
    }

    /** The base of the webhook URLs for a request: the configured URL, or (sandbox only) the request's Host. */
    public String of(Exchange exchange) {
        if (!configured.isEmpty()) {
            return configured;
        }
        return "http://" + exchange.getIn().getHeader("Host", "localhost", String.class);
    }
}
