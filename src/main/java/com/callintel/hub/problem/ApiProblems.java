package com.callintel.hub.problem;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The one problem mapping of the API routes: a route that names route configuration {@value #ID} answers every
 * {@link ProblemException} it throws (a bad body, a field that breaks its constraint, an id not found) with its
 * RFC 9457 body. Only API routes opt in; the webhook intake and the scheduled flows keep their own handling.
 */
@Component
public class ApiProblems extends RouteConfigurationBuilder {

    public static final String ID = "api-problems";

    private final ProblemWriter problems;

    ApiProblems(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(ProblemException.class).handled(true).process(problems::writeCaught);
    }
}
