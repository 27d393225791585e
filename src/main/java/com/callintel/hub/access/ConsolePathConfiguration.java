package com.callintel.hub.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemWriter;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * The management port's first filter: a console path whose leading segments are percent-encoded
 * ({@code /actuator/%6aolokia/...}) is refused as bad input. The servlet container decodes it to Jolokia while
 * Spring's request-path parsing, which runs before the security chains, fails on it with a 500. Encoded
 * characters further on (Jolokia's {@code %22} in MBean names) are left alone.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class ConsolePathConfiguration {

    /** Segments checked: "", "actuator", the endpoint, and the endpoint's first one (hawtio/jolokia). */
    private static final int ROUTING_SEGMENTS = 4;

    /** The console port's session cookie: cookies ignore ports, so the hub pages' session must keep its own name. */
    static final String CONSOLE_SESSION_COOKIE = "CALLINTEL_CONSOLE_SESSION";

    /**
     * Names the console's session cookie. The component scan puts this bean in the main context too, where it must
     * leave the hub pages' cookie alone: only the management port's context has a parent.
     */
    @Bean
    ServletContextInitializer consoleSessionCookie(ApplicationContext context) {
        return servletContext -> {
            if (context.getParent() != null) {
                servletContext.getSessionCookieConfig().setName(CONSOLE_SESSION_COOKIE);
            }
        };
    }

    @Bean
    FilterRegistrationBean<EncodedConsolePathFilter> encodedConsolePathFilter(ProblemWriter problems) {
        FilterRegistrationBean<EncodedConsolePathFilter> registration =
                new FilterRegistrationBean<>(new EncodedConsolePathFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Refuses a request whose routing segments are percent-encoded, with a problem body. */
    static final class EncodedConsolePathFilter extends OncePerRequestFilter {

        private final ProblemWriter problems;

        EncodedConsolePathFilter(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            // console paths only: the component scan also puts this filter on the webhook and API port
            if (!UrlPathHelper.defaultInstance.getPathWithinApplication(request).startsWith("/actuator/")) {
                return true;
            }
            String[] segments = request.getRequestURI().split("/", ROUTING_SEGMENTS + 1);
            for (int i = 0; i < Math.min(ROUTING_SEGMENTS, segments.length); i++) {
                if (segments[i].indexOf('%') >= 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            problems.write(request, response, Problem.of(400, "encoded-path", "Encoded characters in a console path",
                    "Console and Jolokia paths are plain: send the path without percent-encoding."));
        }
    }
}
