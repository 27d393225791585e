package com.callintel.hub.access;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The Prometheus scrape on the management port: {@code /actuator/prometheus} answers the scrape credential only
 * (HTTP Basic, {@code callintel.metrics.*}), never an operator's browser session; the credential opens no other
 * path. Ordered before the console's chain, which holds every other {@code /actuator/**} path.
 */
@Configuration(proxyBeanMethods = false)
class MetricsScrapeAccess {

    private final ProblemWriter problems;

    MetricsScrapeAccess(ProblemWriter problems) {
        this.problems = problems;
    }

    @Bean
    @Order(3)
    SecurityFilterChain metricsScrape(HttpSecurity http, MetricsScrapeProperties properties) throws Exception {
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/actuator/prometheus"))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(ScrapeCredential.ROLE))
                .authenticationManager(new ScrapeCredential(properties))
                .httpBasic(basic -> basic.authenticationEntryPoint(this::unauthenticated))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(this::unauthenticated))
                .csrf(AbstractHttpConfigurer::disable)          // read-only, no browser session
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .headers(SecurityConfiguration::securityHeaders)
                .build();
    }

    private void unauthenticated(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"callintel-metrics\"");
        problems.write(request, response, Problem.of(401, "unauthenticated", "Scrape credential required",
                "Send the scrape credential (callintel.metrics.scrape-user and scrape-password) as HTTP Basic."));
    }
}
