package com.callintel.hub.access;

import java.time.Clock;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The development identity provider alone, as a small process standing in for Clerk in front of production-profile
 * hubs (ops/local-cluster.sh): the sandbox's demo users, its JWKS and token endpoints under /dev, nothing of the hub.
 * <pre>java -cp ... com.callintel.hub.access.DevIdentityProviderServer --server.port=8090 \
 *     --callintel.access.issuer=http://127.0.0.1:8090/dev</pre>
 * A test configuration, not a {@code @SpringBootConfiguration}: the tests of this package must still find the hub
 * as theirs, and the hub's test contexts leave it out of their component scan.
 */
@TestConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, JacksonAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class})
@Import({DevIdentityProvider.class, DevSignInPage.class})
@EnableConfigurationProperties({AccessProperties.class, OnboardingProperties.class, BrowserSignInProperties.class})
public class DevIdentityProviderServer {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        // sandbox.yaml brings the demo users; nothing else of the sandbox starts here
        new SpringApplicationBuilder(DevIdentityProviderServer.class)
                .properties("spring.config.import=classpath:sandbox.yaml", "callintel.access.dev-issuer.enabled=true")
                .run(args);
    }
}
