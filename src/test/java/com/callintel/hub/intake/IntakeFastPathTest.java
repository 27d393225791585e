package com.callintel.hub.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.callintel.hub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admitted webhook goes from the admission straight to its body check and the intake's servlet: no other filter
 * of the chain runs for it (Spring Security's wrapper alone cost a quarter of the request threads' CPU under load).
 * A filter registered for every path, last in the chain, sees the API's requests and never an admitted webhook's,
 * while the webhook keeps what the chain gave it: the security headers and its text read as UTF-8.
 */
@Import(IntakeFastPathTest.ChainEnd.class)
class IntakeFastPathTest extends HubIntegrationTest {

    @Autowired
    ChainEnd chainEnd;

    @BeforeEach
    void reset() {
        chainEnd.webhooks.set(0);
        chainEnd.others.set(0);
    }

    @Test
    void anAdmittedWebhookSkipsTheRestOfTheFilterChainAndKeepsItsHeadersAndText() {
        TestTenant tenant = newTenant();

        var answer = post("/webhooks/goto/" + tenant.endpointKey("goto"),
                "{\"source\":\"messaging\",\"content\":{\"id\":\"fast-path-1\",\"direction\":\"IN\",\"text\":\"Zoë Ørsted\"}}"
                        .getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(jdbc.sql("select payload::text from inbound_event where org_id = :org")
                .param("org", tenant.orgId()).query(String.class).single()).contains("Zoë Ørsted");

        var api = call("GET", "/api/calls", adminToken(tenant), null);
        assertThat(api.statusCode()).isEqualTo(200);

        assertThat(chainEnd.others.get()).as("the filter is in the chain of other requests").isPositive();
        assertThat(chainEnd.webhooks.get()).as("no filter after the admission runs for an admitted webhook").isZero();
    }

    @Test
    void aWebhookPathOfAnotherShapeStillGoesThroughTheChain() {
        var answer = post("/webhooks/goto/a/b", "{}".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(chainEnd.webhooks.get()).isPositive();
    }

    /** Counts the requests that reach the end of the filter chain, webhooks apart. */
    @TestConfiguration
    static class ChainEnd extends OncePerRequestFilter {

        final AtomicInteger webhooks = new AtomicInteger();
        final AtomicInteger others = new AtomicInteger();

        @Bean
        FilterRegistrationBean<ChainEnd> chainEndRegistration() {
            FilterRegistrationBean<ChainEnd> registration = new FilterRegistrationBean<>(this);
            registration.setOrder(Ordered.LOWEST_PRECEDENCE);
            return registration;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            (request.getRequestURI().startsWith("/webhooks/") ? webhooks : others).incrementAndGet();
            chain.doFilter(request, response);
        }
    }
}
