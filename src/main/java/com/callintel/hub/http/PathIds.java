package com.callintel.hub.http;

import java.util.UUID;

import com.callintel.hub.problem.ProblemException;
import org.apache.camel.Exchange;

/**
 * The {@code {id}} of an API path, read as the type the resource has. An id that cannot be one is answered as
 * not found, the same answer as another organization's id: the caller learns nothing from its shape.
 */
public final class PathIds {

    private PathIds() {
    }

    /** A numeric id; {@code notFound} is the 404's detail ("No such call in your organization."). */
    public static long number(Exchange exchange, String notFound) {
        try {
            return Long.parseLong(exchange.getIn().getHeader("id", String.class));
        } catch (NumberFormatException e) {
            throw ProblemException.notFound(notFound);
        }
    }

    /** A UUID id; {@code notFound} is the 404's detail. */
    public static UUID uuid(Exchange exchange, String notFound) {
        try {
            return UUID.fromString(exchange.getIn().getHeader("id", String.class));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound(notFound);
        }
    }
}
