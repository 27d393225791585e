package com.callintel.hub.sandbox;

import java.util.Map;

import com.callintel.hub.access.AccessProperties;
import com.callintel.hub.admin.AgentMappingRepository;
import com.callintel.hub.admin.AgentMappingRepository.AgentMapping;
import com.callintel.hub.connectors.ConnectorCatalog;
import com.callintel.hub.connectors.VoipConnectorsChanged;
import com.callintel.hub.tenancy.Organization;
import com.callintel.hub.tenancy.TenantRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Seeds the demo organization and its provider accounts in the default run, then prints their webhook URLs. */
@Component
@ConditionalOnProperty(name = "callintel.sandbox.enabled", havingValue = "true")
class DemoTenantSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoTenantSeeder.class);

    private final SandboxProperties sandbox;
    private final TenantRepository tenants;
    private final ConnectorCatalog connectors;
    private final AgentMappingRepository agents;
    private final AccessProperties access;

    DemoTenantSeeder(SandboxProperties sandbox, TenantRepository tenants, ConnectorCatalog connectors,
                     AgentMappingRepository agents, AccessProperties access) {
        this.sandbox = sandbox;
        this.tenants = tenants;
        this.connectors = connectors;
        this.agents = agents;
        this.access = access;
        seed();
        mapDemoAgent();
    }

    private void seed() {
        tenants.saveOrganization(new Organization(sandbox.orgId(), sandbox.orgName(), sandbox.region(), sandbox.timeZone()));
        tenants.setAlertEmail(sandbox.orgId(), sandbox.alertEmail());
        for (String provider : sandbox.accounts().keySet()) {
            if (!connectors.hasVoip(provider)) {
                throw new IllegalStateException("callintel.sandbox.accounts." + provider + ": no such VoIP connector");
            }
        }
        connectors.voipConnectors().forEach(connector -> saveAccount(connector.provider()));
    }

    /** The demo organization's account for a provider: configured, or made up for a connector installed without one. */
    private void saveAccount(String provider) {
        SandboxProperties.Account account = sandbox.accountFor(provider);
        tenants.saveProviderAccount(sandbox.orgId(), account.id(), provider, account.endpointKey(), account.secret());
        if (account.apiToken() != null && !account.apiToken().isBlank()) {
            tenants.saveApiToken(sandbox.orgId(), account.id(), account.apiToken());
        }
    }

    /** A connector file dropped into a running hub gets its demo account at once, and its webhook URL is printed. */
    @EventListener
    void connectorsChanged(VoipConnectorsChanged change) {
        change.added().forEach(connector -> {
            saveAccount(connector.provider());
            SandboxProperties.Account account = sandbox.accountFor(connector.provider());
            log.info("Demo organization '{}' now also receives {} webhooks at /webhooks/{}/{} (secret: {})", sandbox.orgName(),
                    connector.provider(), connector.provider(), account.endpointKey(), account.secret());
        });
    }

    /**
     * The demo agent user is Dana Whitfield, the agent of the demo webhooks: a demo ringing call pops on the
     * console of whoever signs in as the demo agent. An admin's own mapping is left alone.
     */
    private void mapDemoAgent() {
        AccessProperties.DemoUser agent = access.devIssuer().users().get("agent");
        if (agent == null || !agents.list(sandbox.orgId()).isEmpty()) {
            return;
        }
        String member = agent.subject();
        agents.replace(sandbox.orgId(), java.util.List.of(
                new AgentMapping(member, "zoom", "zU_dana_whitfield", null, null),
                new AgentMapping(member, "dialpad", "5120000000000001", "dana.whitfield@example-agency.com", null),
                new AgentMapping(member, "ringcentral", "400144455008", null, null)));
    }

    @EventListener(ApplicationReadyEvent.class)
    void printEndpoints(ApplicationReadyEvent ready) {
        Environment env = ready.getApplicationContext().getEnvironment();
        String configured = env.getProperty("callintel.public-base-url", "");
        String base = !configured.isBlank() ? configured : "http://localhost:" + env.getProperty("local.server.port", "8080");
        StringBuilder lines = new StringBuilder("Demo organization '" + sandbox.orgName() + "' receives webhooks at:");
        connectors.voipConnectors().forEach(connector ->
                lines.append("\n  ").append(String.format("%-16s", connector.provider())).append(base).append("/webhooks/")
                        .append(connector.provider()).append('/').append(sandbox.accountFor(connector.provider()).endpointKey()));
        lines.append("\nSign in as the demo admin: curl -s -X POST '").append(base).append("/dev/token?user=admin'")
                .append("\nthen: curl -H \"Authorization: Bearer <access_token>\" ").append(base).append("/api/calls")
                .append("\nAgent console (screen pops): ").append(base).append("/console/");
        log.info(lines.toString());
    }
}
