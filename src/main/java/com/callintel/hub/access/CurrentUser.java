package com.callintel.hub.access;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/** The signed-in user of the HTTP request a Camel route is serving; every API query is scoped by its org. */
@Component
public class CurrentUser {

    /** The user, or a 401 problem if the request reached a route without one (never expected past security). */
    public HubUser of(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage http && http.getRequest() != null
                && http.getRequest().getAttribute(HubUserAttributeFilter.ATTRIBUTE) instanceof HubUser user) {
            return user;
        }
        throw new ProblemException(Problem.of(401, "unauthenticated", "Sign-in required",
                "The API needs an authenticated user of an organization."));
    }

    /** The user, who must be an admin of the organization. */
    public HubUser admin(Exchange exchange) {
        HubUser user = of(exchange);
        if (!user.isAdmin()) {
            throw new ProblemException(Problem.of(403, "forbidden", "Not allowed",
                    "Your role does not allow this; an organization admin can."));
        }
        return user;
    }

    /** The platform operator of an operator API request, or a 403 problem (never expected past security). */
    public PlatformOperator operator(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage http && http.getRequest() != null
                && http.getRequest().getAttribute(OperatorAttributeFilter.ATTRIBUTE) instanceof PlatformOperator operator) {
            return operator;
        }
        throw new ProblemException(Problem.of(403, "not-an-operator", "Operators only",
                "This is for the platform's operators (CallIntel staff); an organization's admin or agent is not one."));
    }
}
