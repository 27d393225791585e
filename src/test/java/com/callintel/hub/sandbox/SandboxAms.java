package com.callintel.hub.sandbox;

import com.callintel.hub.ams.AmsConnectionRepository;
import com.callintel.hub.egress.EgressPolicy;
import com.callintel.hub.sandbox.ams.Ams360Simulator;
import com.callintel.hub.sandbox.ams.AppliedEpicSimulator;
import com.callintel.hub.sandbox.ams.EzLynxSimulator;
import com.callintel.hub.sandbox.ams.GenericRestAmsSimulator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The sandbox AMS of the default run: the Applied Epic simulator on loopback, seeded with clients whose numbers
 * match the demo webhooks, and the demo organization connected to it - so a demo call lands as a note. The
 * simulators listen on loopback, so each is let through the egress policy by its exact host and port (only while
 * {@code callintel.egress.allow-sandbox-simulators} is on); every other loopback target stays refused.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "callintel.sandbox.enabled", havingValue = "true")
class SandboxAms {

    static final String AGENCY_ID = "a1a1a1a1-0000-4000-8000-000000000001";
    static final String BRANCH_ID = "b2b2b2b2-0000-4000-8000-000000000002";
    private static final Logger log = LoggerFactory.getLogger(SandboxAms.class);

    @Bean(initMethod = "start", destroyMethod = "close")
    AppliedEpicSimulator sandboxAppliedEpic(@Value("${callintel.sandbox.ams-port:0}") int port,
                                            @Value("${callintel.sandbox.ams-latency:0ms}") java.time.Duration latency) {
        AppliedEpicSimulator epic = AppliedEpicSimulator.builder().port(port).build();
        if (!latency.isZero()) {
            epic.faults().latency(latency);
        }
        return epic;
    }

    /** AMS360 (SOAP) simulator: for the tests and for trying an AMS360 connection by hand. */
    @Bean(initMethod = "start", destroyMethod = "close")
    Ams360Simulator sandboxAms360() {
        return Ams360Simulator.builder().port(0).build();
    }

    /** EZLynx simulator (contract from public client evidence): both auth schemes, applicants, Discussions. */
    @Bean(initMethod = "start", destroyMethod = "close")
    EzLynxSimulator sandboxEzLynx() {
        return EzLynxSimulator.builder().port(0).build();
    }

    /** The generic REST AMS simulator: the contract the sandbox REST AMS declares (AMS type generic-rest). */
    @Bean(initMethod = "start", destroyMethod = "close")
    GenericRestAmsSimulator sandboxGenericRestAms() {
        return GenericRestAmsSimulator.builder().port(0).build();
    }

    @EventListener(ApplicationReadyEvent.class)
    void connectDemoOrganization(ApplicationReadyEvent ready) throws Exception {
        var context = ready.getApplicationContext();
        EgressPolicy egress = context.getBean(EgressPolicy.class);
        egress.allowSandboxSimulator(context.getBean(AppliedEpicSimulator.class).baseUrl());
        egress.allowSandboxSimulator(context.getBean(Ams360Simulator.class).baseUrl());
        egress.allowSandboxSimulator(context.getBean(GenericRestAmsSimulator.class).baseUrl());
        egress.allowSandboxSimulator(context.getBean(EzLynxSimulator.class).baseUrl());
        SandboxProperties sandbox = context.getBean(SandboxProperties.class);
        AppliedEpicSimulator epic = context.getBean(AppliedEpicSimulator.class);
        ObjectMapper mapper = context.getBean(ObjectMapper.class);
        String credentials = mapper.writeValueAsString(java.util.Map.of(
                "clientId", "fake-client-id-0001", "clientSecret", "fake-client-secret-0001",
                "scope", "epic/accounts:search epic/activity:write epic/activity:read"));
        String settings = mapper.writeValueAsString(java.util.Map.of("agencyId", AGENCY_ID, "branchId", BRANCH_ID,
                "tokenUrl", epic.tokenUrl()));
        context.getBean(AmsConnectionRepository.class).save(sandbox.orgId(), "applied-epic", epic.baseUrl(), credentials,
                "65536", settings, "sandbox");
        log.info("Sandbox AMS (Applied Epic simulator) at {} - demo calls become activities there", epic.baseUrl());
    }
}
