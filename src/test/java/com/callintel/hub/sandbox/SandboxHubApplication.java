package com.callintel.hub.sandbox;

import java.util.ArrayList;
import java.util.List;

import com.callintel.hub.CallIntelHubApplication;
import org.springframework.boot.SpringApplication;

/**
 * The default run: the hub with its sandbox, from the test classpath ({@code ./mvnw spring-boot:test-run}), as
 * Spring Boot runs development-time services. The production jar starts {@link CallIntelHubApplication} and holds
 * none of this.
 */
public final class SandboxHubApplication {

    /** The sandbox's settings (src/test/resources/sandbox.yaml), over config/application.yaml. */
    public static final String SETTINGS = "spring.config.import=classpath:sandbox.yaml";

    private SandboxHubApplication() {
    }

    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>(List.of("--" + SETTINGS));
        arguments.addAll(List.of(args));
        SpringApplication.from(CallIntelHubApplication::main).with(SandboxConfiguration.class)
                .run(arguments.toArray(String[]::new));
    }
}
