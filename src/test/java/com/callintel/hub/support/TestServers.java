package com.callintel.hub.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The outside servers of a hub under test - the alert mailbox (GreenMail SMTP), GoTo's report API and Zoom's
 * transcript download - as beans of its test context: started with the context, stopped when it closes. Spring's
 * test context cache keeps a context for several test classes, and its servers live exactly as long.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestServers {

    /** The token the GoTo API accepts; HubIntegrationTest gives it to every test organization. */
    public static final String GOTO_API_TOKEN = "goto-test-access-token";

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail alertMailbox() {
        return new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    }

    @Bean(destroyMethod = "close")
    GoToApiSimulator goToApi() {
        return new GoToApiSimulator(GOTO_API_TOKEN);
    }

    /** The token Zoom's API accepts (a test gives it to its organization's Zoom account when it needs one). */
    public static final String ZOOM_API_TOKEN = "zoom-test-oauth-access-token";

    @Bean(destroyMethod = "close")
    ZoomApiSimulator zoomApi() {
        return new ZoomApiSimulator(ZOOM_API_TOKEN);
    }

    /** The hub sends its mail to, fetches GoTo reports from and asks Zoom's tokens of, this context's servers. */
    @Bean
    DynamicPropertyRegistrar serverAddresses(GreenMail alertMailbox, GoToApiSimulator goToApi, ZoomApiSimulator zoomApi) {
        return registry -> {
            registry.add("callintel.transcripts.token-urls.zoom", () -> zoomApi.baseUrl() + ZoomApiSimulator.TOKEN);
            registry.add("callintel.mail.port", () -> alertMailbox.getSmtp().getPort());
            registry.add("camel.component.kamelet.template-properties.goto.reportApiBaseUrl", goToApi::baseUrl);
        };
    }
}
