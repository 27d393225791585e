package com.callintel.hub.support;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.apache.camel.util.function.ThrowingConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the route tests: the real hub on its own embedded PostgreSQL, with Camel held back at start
 * ({@link UseAdviceWith}) so a test reaches a route by its id and swaps its ends for {@code direct:} and
 * {@code mock:} endpoints (AdviceWith) before Camel starts. Processing and the AMS sync do not poll here, so the
 * test alone decides what runs. The route tests share this one context (Camel keeps an advice): each advises its
 * route once.
 */
@UseAdviceWith
@TestPropertySource(properties = {"callintel.test.context=advised-routes", "callintel.processing.enabled=false",
        "callintel.ams.enabled=false"})
public abstract class AdvisedRouteTest extends HubIntegrationTest {

    @Autowired
    protected CamelContext camel;
    @Autowired
    protected ProducerTemplate producer;

    @BeforeEach
    void freshMocks() {
        MockEndpoint.resetMocks(camel);
    }

    /** Advises route {@code routeId} unless this context already has that advice, then starts Camel (once). */
    protected void advise(String routeId, ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice) throws Exception {
        String marker = "advised-route:" + routeId;
        if (camel.getRegistry().lookupByName(marker) == null) {
            AdviceWith.adviceWith(camel, routeId, advice);
            camel.getRegistry().bind(marker, Boolean.TRUE);
        }
        camel.start();
    }

    protected MockEndpoint mock(String uri) {
        return camel.getEndpoint(uri, MockEndpoint.class);
    }
}
