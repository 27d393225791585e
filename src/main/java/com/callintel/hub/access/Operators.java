package com.callintel.hub.access;

import java.util.HashSet;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The platform's operators: the identity-provider users, by subject, who may use the console (Hawtio and Jolokia).
 * Listed in configuration, never derived from an organization role: an agency admin can give members of their own
 * organization any role the identity provider offers, so no organization role may open the platform's console.
 * The development issuer's operator demo users count only while that issuer runs.
 */
@Component
public class Operators {

    private final Set<String> subjects;

    Operators(AccessProperties properties) {
        Set<String> all = new HashSet<>(properties.operators());
        if (properties.devIssuer().enabled()) {
            properties.devIssuer().users().values().stream().filter(AccessProperties.DemoUser::operator)
                    .map(AccessProperties.DemoUser::subject).forEach(all::add);
        }
        this.subjects = Set.copyOf(all);
    }

    /** Whether a validated token belongs to an operator. */
    public boolean isOperator(Jwt jwt) {
        String subject = jwt.getSubject();
        return subject != null && subjects.contains(subject);
    }
}
