package com.callintel.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the hub: Spring Boot hosting the Camel context that carries every flow. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CallIntelHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(CallIntelHubApplication.class, args);
    }
}
