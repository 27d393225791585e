package com.callintel.hub.sandbox.ai;

import java.time.Duration;

import com.callintel.hub.ai.AiSwitch;
import com.callintel.hub.ai.AnthropicEndpoint;
import com.callintel.hub.sandbox.SandboxProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;

/**
 * The sandbox's Anthropic: the Messages API simulator on loopback stands where the API would be, and the demo
 * organization has AI analysis on with a key the simulator accepts, so a demo call with a transcript gets its
 * summary, intent, sentiment and actions in its sandbox-AMS note.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "callintel.sandbox.enabled", havingValue = "true")
public class SandboxAi {

    static final String DEMO_KEY = "sk-ant-sandbox-demo-0001";
    private static final Logger log = LoggerFactory.getLogger(SandboxAi.class);

    @Bean(destroyMethod = "close")
    AnthropicSimulator sandboxAnthropic(@Value("${callintel.sandbox.ai-latency:0ms}") Duration latency) {
        AnthropicSimulator simulator = new AnthropicSimulator(0, DEMO_KEY);
        simulator.latency(latency);
        return simulator;
    }

    /** The simulator, unless {@code callintel.sandbox.ai-base-url} names another (a test's own, outside the hub). */
    @Bean
    @Primary
    AnthropicEndpoint sandboxAnthropicEndpoint(AnthropicSimulator simulator,
                                               @Value("${callintel.sandbox.ai-base-url:}") String elsewhere) {
        return elsewhere.isBlank() ? simulator::baseUrl : () -> elsewhere;
    }

    @EventListener(ApplicationReadyEvent.class)
    void switchOnDemoOrganization(ApplicationReadyEvent ready) {
        var context = ready.getApplicationContext();
        SandboxProperties sandbox = context.getBean(SandboxProperties.class);
        if (sandbox.aiAnalysis()) {
            context.getBean(AiSwitch.class).set(sandbox.orgId(), true, DEMO_KEY);
            log.info("Sandbox AI (Anthropic Messages API simulator) at {} - the demo organization's calls are analysed",
                    context.getBean(AnthropicSimulator.class).baseUrl());
        }
    }
}
