package com.callintel.hub.sandbox;

import com.callintel.hub.sandbox.ai.SandboxAi;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The sandbox's parts, each switched on by sandbox.yaml: the AMS simulators, the Anthropic simulator, the SMTP
 * mailbox, the demo organization and its traffic. The embedded PostgreSQL ({@code store/EmbeddedPostgresConfiguration})
 * and the development identity provider ({@code access/DevIdentityProvider}) live in the test tree beside what they
 * stand in for.
 */
@Configuration(proxyBeanMethods = false)
@Import({SandboxAms.class, SandboxAi.class, SandboxMail.class, DemoTenantSeeder.class, SandboxAmsRoutes.class,
        DemoTrafficRoutes.class})
public class SandboxConfiguration {
}
