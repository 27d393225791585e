package com.callintel.hub.intake;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.component.servlet.CamelHttpTransportServlet;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The intake's own servlet at {@code /webhooks/*}: Camel's servlet component runs the {@code intake-webhook} route
 * on the request's thread, so a webhook skips Spring MVC's handler lookup, its asynchronous hand-over to another
 * thread and the re-dispatch of the answer through every filter again. Camel keeps its servlets in a JVM-wide
 * registry by name; a second hub context in the same JVM (the test suite runs many) gets a name of its own.
 */
@Configuration(proxyBeanMethods = false)
class IntakeServlet {

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    /** The name the route's {@code servlet:} endpoint finds its servlet by. */
    record Name(String value) {
    }

    @Bean
    Name intakeServletName() {
        int context = CONTEXTS.incrementAndGet();
        return new Name(context == 1 ? "callintel-intake" : "callintel-intake-" + context);
    }

    /** The servlet itself: {@link IntakeAdmission} hands an admitted webhook to it directly. */
    @Bean
    CamelHttpTransportServlet intakeTransportServlet() {
        return new CamelHttpTransportServlet();
    }

    @Bean
    ServletRegistrationBean<CamelHttpTransportServlet> intakeServletRegistration(Name name, CamelHttpTransportServlet intakeTransportServlet) {
        ServletRegistrationBean<CamelHttpTransportServlet> registration =
                new ServletRegistrationBean<>(intakeTransportServlet, "/webhooks/*");
        registration.setName(name.value());
        registration.setLoadOnStartup(1);
        return registration;
    }
}
