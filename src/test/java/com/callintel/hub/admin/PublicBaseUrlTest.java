package com.callintel.hub.admin;

import com.callintel.hub.sandbox.SandboxHubApplication;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 12, finding 16: webhook URLs shown to admins must not be built from a request's Host header in
 * production. With the real config files: the prod profile without a public base URL does not start, and with one
 * the Host header an attacker sends is ignored; only the sandbox falls back to the Host header.
 */
class PublicBaseUrlTest {

    @Test
    void productionRefusesToStartWithoutAPublicBaseUrl() {
        assertThatThrownBy(() -> start("prod", "CALLINTEL_PUBLIC_BASE_URL=").close())
                .hasStackTraceContaining("callintel.public-base-url (CALLINTEL_PUBLIC_BASE_URL) is empty");
    }

    @Test
    void productionNeverFallsBackToTheHostHeaderEvenWhenConfiguredTo() {
        assertThatThrownBy(() -> start("prod", "CALLINTEL_PUBLIC_BASE_URL=", "callintel.public-base-url-from-host=true").close())
                .hasStackTraceContaining("callintel.public-base-url (CALLINTEL_PUBLIC_BASE_URL) is empty");
    }

    @Test
    void productionRefusesAPlainHttpPublicBaseUrl() {
        assertThatThrownBy(() -> start("prod", "CALLINTEL_PUBLIC_BASE_URL=http://hub.example.com").close())
                .hasStackTraceContaining("must be an https URL");
    }

    @Test
    void productionBuildsWebhookUrlsFromTheConfiguredUrlWhateverTheHostHeaderSays() {
        try (ConfigurableApplicationContext hub = start("prod", "CALLINTEL_PUBLIC_BASE_URL=https://hub.example.com/")) {
            assertThat(hub.getBean(PublicBaseUrl.class).of(requestWithHost("attacker.example"))).isEqualTo("https://hub.example.com");
        }
    }

    @Test
    void sandboxFallsBackToTheHostHeader() {
        try (ConfigurableApplicationContext hub = start(null, SandboxHubApplication.SETTINGS)) {
            assertThat(hub.getBean(PublicBaseUrl.class).of(requestWithHost("localhost:8080"))).isEqualTo("http://localhost:8080");
        }
    }

    private static ConfigurableApplicationContext start(String profile, String... properties) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(PublicBaseUrl.class)
                .web(WebApplicationType.NONE).properties(properties).properties("spring.main.banner-mode=off");
        if (profile != null) {
            builder.profiles(profile);
        }
        return builder.run();
    }

    private static Exchange requestWithHost(String host) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader("Host", host);
        return exchange;
    }
}
