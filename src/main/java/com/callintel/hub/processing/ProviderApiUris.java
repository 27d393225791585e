package com.callintel.hub.processing;

import com.callintel.hub.egress.EgressRefusedException;
import com.callintel.hub.egress.PathSegments;
import org.springframework.stereotype.Component;

/**
 * Builds the URI a VoIP connector fetches from its provider's API (bean {@code providerApiUris}, set as the
 * CamelHttpUri header in front of a constant {@code to}): the operator-configured base URL and path, and the id
 * from the webhook as one checked path segment. Webhook content never becomes part of an endpoint URI.
 */
@Component("providerApiUris")
public class ProviderApiUris {

    /** {@code baseUrl} + {@code template}, its {@code {id}} replaced by {@code id} as one checked path segment. */
    public String uri(String baseUrl, String template, String id) {
        try {
            return baseUrl.replaceAll("/+$", "") + template.replace("{id}", PathSegments.of("the event's id", id));
        } catch (EgressRefusedException e) {
            throw new NormalizationException(e.getMessage() + ", so the provider's API is not asked for it");
        }
    }
}
