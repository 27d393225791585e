package com.callintel.hub.billing;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.component.servlet.CamelHttpTransportServlet;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stripe's webhook URL, {@code /webhooks/stripe}: a servlet of its own mapped to exactly that path, which the
 * servlet container prefers to the VoIP intake's {@code /webhooks/*}. Camel's servlets are found by name in a
 * JVM-wide registry, so a second hub context in the same JVM (the test suite runs many) gets a name of its own.
 */
@Configuration(proxyBeanMethods = false)
class StripeWebhookServlet {

    static final String PATH = "/webhooks/stripe";
    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    /** The name the route's {@code servlet:} endpoint finds its servlet by. */
    record Name(String value) {
    }

    @Bean
    Name stripeWebhookServletName() {
        int context = CONTEXTS.incrementAndGet();
        return new Name(context == 1 ? "callintel-stripe" : "callintel-stripe-" + context);
    }

    @Bean
    ServletRegistrationBean<CamelHttpTransportServlet> stripeWebhookServletRegistration(Name name) {
        ServletRegistrationBean<CamelHttpTransportServlet> registration =
                new ServletRegistrationBean<>(new ExactPathServlet(), PATH);
        registration.setName(name.value());
        registration.setLoadOnStartup(1);
        return registration;
    }

    /** An exact mapping leaves no path info, by which Camel finds its route: the route's path is "/". */
    static final class ExactPathServlet extends CamelHttpTransportServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) {
            super.service(new HttpServletRequestWrapper(request) {
                @Override
                public String getPathInfo() {
                    return "/";
                }
            }, response);
        }
    }
}
