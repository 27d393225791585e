package com.callintel.hub.ams;

import java.net.URI;

import com.callintel.hub.egress.EgressPolicy;
import com.callintel.hub.egress.EgressRefusedException;
import com.callintel.hub.egress.PathSegments;
import org.springframework.stereotype.Component;

/**
 * Builds the URI an AMS connector calls (bean {@code amsRequestUris}, set as the CamelHttpUri header in front of a
 * constant {@code to}): the connection's base URL as the egress policy allows it, the connector's fixed path, and
 * ids from AMS answers as checked single path segments. Nothing untrusted ever becomes part of an endpoint URI.
 */
@Component("amsRequestUris")
public class AmsRequestUris {

    private final EgressPolicy egress;

    AmsRequestUris(EgressPolicy egress) {
        this.egress = egress;
    }

    /** {@code path} (fixed by the connector) under the connection's base URL. */
    public String uri(AmsConnection ams, String path) {
        return uri(ams, path, null, null);
    }

    /**
     * {@code template} under the connection's base URL, its {@code {clientId}}, {@code {recordId}} and {@code {id}}
     * replaced by the checked ids (null when the template has no such part).
     */
    public String uri(AmsConnection ams, String template, String clientId, String recordId) {
        String path = template;
        if (path.contains("{clientId}")) {
            path = path.replace("{clientId}", segment("the AMS client id", clientId));
        }
        if (path.contains("{recordId}")) {
            path = path.replace("{recordId}", segment("the AMS record id", recordId));
        }
        if (path.contains("{id}")) {
            path = path.replace("{id}", segment("the AMS record id", recordId));
        }
        // a connector's path is configuration, but "{{" would be resolved by camel-http and "?"/"#" would end the path
        if (!path.startsWith("/") || path.contains("{") || path.contains("}") || path.contains("?") || path.contains("#")) {
            throw new AmsRefusedException("the connector's path template is not a plain path the hub can fill");
        }
        return baseUrl(ams) + path;
    }

    /** The connection's base URL (no trailing slash), refused for good when the egress policy does not allow it. */
    String baseUrl(AmsConnection ams) {
        try {
            URI checked = egress.check(ams.baseUrl(), ams.type());
            return checked.toString().replaceAll("/+$", "");
        } catch (EgressRefusedException e) {
            throw new AmsRefusedException("the AMS connection's base URL " + e.getMessage());
        }
    }

    /** A URL the hub calls for this connection besides its base URL (a token endpoint), checked the same way. */
    String checked(AmsConnection ams, String url, String what) {
        try {
            return egress.check(url, ams.type()).toString();
        } catch (EgressRefusedException e) {
            throw new AmsRefusedException("the AMS connection's " + what + " " + e.getMessage());
        }
    }

    private static String segment(String what, String id) {
        try {
            return PathSegments.of(what, id);
        } catch (EgressRefusedException e) {
            throw new AmsRefusedException(e.getMessage());
        }
    }
}
