package com.callintel.hub.ai;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AiConfiguration {

    @Bean
    AnthropicEndpoint configuredAnthropicEndpoint(AiProperties properties) {
        return properties::baseUrl;
    }
}
