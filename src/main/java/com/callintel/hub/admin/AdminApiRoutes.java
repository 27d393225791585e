package com.callintel.hub.admin;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.access.HubUser;
import com.callintel.hub.ams.AmsConnectionCheck;
import com.callintel.hub.ams.AmsConnectionRepository;
import com.callintel.hub.ams.AmsConnectionRepository.AmsConnectionView;
import com.callintel.hub.ams.AmsTestView;
import com.callintel.hub.calls.CallRecords;
import com.callintel.hub.connectors.AmsConnector;
import com.callintel.hub.connectors.AmsConnectorCatalog;
import com.callintel.hub.connectors.ConnectorCatalog;
import com.callintel.hub.connectors.ConnectorSetup;
import com.callintel.hub.connectors.VoipConnector;
import com.callintel.hub.egress.EgressPolicy;
import com.callintel.hub.egress.EgressRefusedException;
import com.callintel.hub.http.ApiDocs;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.http.JsonRequests;
import com.callintel.hub.http.PathIds;
import com.callintel.hub.problem.ApiProblems;
import com.callintel.hub.problem.ProblemException;
import com.callintel.hub.processing.WorkQueue;
import com.callintel.hub.tenancy.EndpointKeys;
import com.callintel.hub.tenancy.Organization;
import com.callintel.hub.tenancy.ProviderAccountView;
import com.callintel.hub.tenancy.TenantRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import static com.callintel.hub.admin.AdminBodies.*;
import static com.callintel.hub.http.JsonRequests.invalid;

/**
 * The admin API: organization settings, provider accounts, the AMS connection, agent mapping, retries, and what the
 * Settings page needs to guide a new agency: the setup checklist, each connector's setup steps, the provider users
 * seen in recent calls.
 */
@Component
class AdminApiRoutes extends RouteBuilder {

    /** How far back the provider users offered for mapping were seen in calls. */
    private static final Duration SEEN_AGENTS_WINDOW = Duration.ofDays(30);

    private final CurrentUser users;
    private final TenantRepository tenants;
    private final AmsConnectionRepository ams;
    private final AgentMappingRepository agents;
    private final CallRecords calls;
    private final ConnectorCatalog connectors;
    private final AmsConnectorCatalog amsConnectors;
    private final WorkQueue queue;
    private final JsonRequests requests;
    private final ObjectMapper mapper;
    private final PublicBaseUrl publicBaseUrl;
    private final EgressPolicy egress;
    private final JsonReplies replies;
    private final AmsConnectionCheck amsCheck;
    private final SetupChecklist setup;
    private final Clock clock;

    AdminApiRoutes(CurrentUser users, TenantRepository tenants, AmsConnectionRepository ams, AgentMappingRepository agents,
                   CallRecords calls, ConnectorCatalog connectors, WorkQueue queue, JsonRequests requests,
                   ObjectMapper mapper, PublicBaseUrl publicBaseUrl, EgressPolicy egress, JsonReplies replies,
                   AmsConnectionCheck amsCheck, SetupChecklist setup, Clock clock, AmsConnectorCatalog amsConnectors) {
        this.amsConnectors = amsConnectors;
        this.setup = setup;
        this.clock = clock;
        this.replies = replies;
        this.amsCheck = amsCheck;
        this.users = users;
        this.tenants = tenants;
        this.ams = ams;
        this.agents = agents;
        this.calls = calls;
        this.connectors = connectors;
        this.queue = queue;
        this.requests = requests;
        this.mapper = mapper;
        this.publicBaseUrl = publicBaseUrl;
        this.egress = egress;
    }

    @Override
    public void configure() {
        rest("/api/admin").description("Settings of the signed-in admin's organization")
                .get("/setup").id("api-admin-setup").outType(SetupChecklistView.class).to("direct:admin-setup")
                .get("/connectors").id("api-admin-connectors").outType(ConnectorView[].class).to("direct:admin-connectors")
                .get("/organization").id("api-admin-organization-get").outType(OrganizationView.class)
                    .to("direct:admin-organization-get")
                .put("/organization").id("api-admin-organization-put").type(OrganizationChange.class)
                    .outType(OrganizationView.class).to("direct:admin-organization-put")
                .get("/provider-accounts").id("api-admin-accounts-list").outType(AccountView[].class)
                    .to("direct:admin-accounts-list")
                .post("/provider-accounts").id("api-admin-accounts-create").type(NewProviderAccount.class)
                    .responseMessage(ApiDocs.answer(201, "The account, with its webhook URL", AccountView.class))
                    .to("direct:admin-accounts-create")
                .post("/provider-accounts/{id}/secret").id("api-admin-accounts-secret").type(NewSecret.class)
                    .param(ApiDocs.uuidId()).responseMessage(ApiDocs.noContent("Secret replaced")).to("direct:admin-accounts-secret")
                .post("/provider-accounts/{id}/endpoint-key").id("api-admin-accounts-key").param(ApiDocs.uuidId())
                    .outType(AccountView.class).to("direct:admin-accounts-key")
                .delete("/provider-accounts/{id}").id("api-admin-accounts-delete").param(ApiDocs.uuidId())
                    .responseMessage(ApiDocs.noContent("Account deleted")).to("direct:admin-accounts-delete")
                .get("/ams-connection").id("api-admin-ams-get").outType(AmsConnectionView.class).to("direct:admin-ams-get")
                .put("/ams-connection").id("api-admin-ams-put").type(AmsConnectionChange.class)
                    .outType(AmsConnectionView.class).to("direct:admin-ams-put")
                .delete("/ams-connection").id("api-admin-ams-delete").responseMessage(ApiDocs.noContent("Connection deleted"))
                    .to("direct:admin-ams-delete")
                .post("/ams-connection/test").id("api-admin-ams-test").type(AmsTest.class).outType(AmsTestView.class)
                    .to("direct:admin-ams-test")
                .get("/agents").id("api-admin-agents-get").outType(AgentMappingRepository.AgentMapping[].class)
                    .to("direct:admin-agents-get")
                .put("/agents").id("api-admin-agents-put").type(AgentMappingLine[].class)
                    .outType(AgentMappingRepository.AgentMapping[].class).to("direct:admin-agents-put")
                .get("/agents/seen").id("api-admin-agents-seen").outType(SeenAgentView[].class).to("direct:admin-agents-seen")
                .post("/events/{id}/retry").id("api-admin-events-retry").param(ApiDocs.numericId())
                    .responseMessage(ApiDocs.answer(202, "Back in the queue", RetryView.class))
                    .to("direct:admin-events-retry");

        // The setup checklist: provider connected, AMS tested, agents mapped, alert mail set; each names its section.
        from("direct:admin-setup").routeId("admin-setup").routeConfigurationId(ApiProblems.ID)
                .process(e -> reply(e, 200, setup.of(users.admin(e).orgId())));
        // The installed connectors: VoIP ones with the steps an admin takes in each provider's own admin, then the
        // AMS types with the credentials each reads (both from the connector files).
        from("direct:admin-connectors").routeId("admin-connectors").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    users.admin(e);
                    List<ConnectorView> list = new ArrayList<>();
                    connectors.voipConnectors().forEach(c -> list.add(connector(c)));
                    amsConnectors.amsConnectors().forEach(c -> list.add(amsConnector(c)));
                    reply(e, 200, list);
                });

        // Organization settings: name, phone region for national numbers, time zone for notes and reports.
        from("direct:admin-organization-get").routeId("admin-organization-get").routeConfigurationId(ApiProblems.ID)
                .process(e -> reply(e, 200, organization(users.admin(e))));
        from("direct:admin-organization-put").routeId("admin-organization-put").routeConfigurationId(ApiProblems.ID)
                .process(e -> reply(e, 200, updateOrganization(users.admin(e), requests.body(e, OrganizationChange.class))));

        // Provider accounts: the webhook URL to paste into the provider's console; secrets are write-only.
        from("direct:admin-accounts-list").routeId("admin-accounts-list").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser admin = users.admin(e);
                    Map<UUID, TenantRepository.LastWebhook> last = tenants.lastWebhooks(admin.orgId());
                    reply(e, 200, tenants.listProviderAccounts(admin.orgId()).stream()
                            .map(a -> account(e, a, last.get(a.id()))).toList());
                });
        from("direct:admin-accounts-create").routeId("admin-accounts-create").routeConfigurationId(ApiProblems.ID)
                .process(e -> reply(e, 201, createAccount(e, users.admin(e), requests.body(e, NewProviderAccount.class))));
        from("direct:admin-accounts-secret").routeId("admin-accounts-secret").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser admin = users.admin(e);
                    String secret = requests.body(e, NewSecret.class).secret();
                    if (!tenants.rotateSecret(admin.orgId(), accountId(e), secret)) {
                        throw notFound("provider account");
                    }
                    reply(e, 204, null);
                });
        from("direct:admin-accounts-key").routeId("admin-accounts-key").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser admin = users.admin(e);
                    UUID id = accountId(e);
                    if (!tenants.rotateEndpointKey(admin.orgId(), id, EndpointKeys.generate())) {
                        throw notFound("provider account");
                    }
                    reply(e, 200, account(e, tenants.findProviderAccount(admin.orgId(), id).orElseThrow(),
                            tenants.lastWebhooks(admin.orgId()).get(id)));
                });
        from("direct:admin-accounts-delete").routeId("admin-accounts-delete").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    if (!tenants.deleteProviderAccount(users.admin(e).orgId(), accountId(e))) {
                        throw notFound("provider account");
                    }
                    reply(e, 204, null);
                });

        // The AMS connection: credentials are stored sealed and never returned.
        from("direct:admin-ams-get").routeId("admin-ams-get").routeConfigurationId(ApiProblems.ID)
                .process(e -> reply(e, 200, ams.describe(users.admin(e).orgId()).orElseThrow(() -> notFound("AMS connection"))));
        from("direct:admin-ams-put").routeId("admin-ams-put").routeConfigurationId(ApiProblems.ID)
                .process(e -> reply(e, 200, saveAms(users.admin(e), requests.body(e, AmsConnectionChange.class))));
        // Test connection: a live sign-in; for Applied Epic the agency's note access levels, and the one picked kept;
        // with a number, a live lookup of it (nothing kept). Whether it passed is kept for the setup checklist.
        from("direct:admin-ams-test").routeId("admin-ams-test").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser admin = users.admin(e);
                    reply(e, 200, amsCheck.run(admin.orgId(), requests.optionalBody(e)));
                });
        from("direct:admin-ams-delete").routeId("admin-ams-delete").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    if (!ams.delete(users.admin(e).orgId())) {
                        throw notFound("AMS connection");
                    }
                    reply(e, 204, null);
                });

        // Agent mapping: which member a provider's agent id, email or extension stands for.
        from("direct:admin-agents-get").routeId("admin-agents-get").routeConfigurationId(ApiProblems.ID)
                .process(e -> reply(e, 200, agents.list(users.admin(e).orgId())));
        from("direct:admin-agents-put").routeId("admin-agents-put").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser admin = users.admin(e);
                    agents.replace(admin.orgId(), mappings(requests.body(e, AgentMappingLine[].class)));
                    reply(e, 200, agents.list(admin.orgId()));
                });
        // Provider users seen in the organization's recent calls, to pick from when mapping.
        from("direct:admin-agents-seen").routeId("admin-agents-seen").routeConfigurationId(ApiProblems.ID)
                .process(e -> reply(e, 200, calls.seenAgents(users.admin(e).orgId(), clock.instant().minus(SEEN_AGENTS_WINDOW))
                        .stream().map(SeenAgentView::of).toList()));

        // Retry a stored event that failed processing (after fixing its connector).
        from("direct:admin-events-retry").routeId("admin-events-retry").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    long id = PathIds.number(e, notFoundDetail("event"));
                    if (!queue.retryFailed(users.admin(e).orgId(), id)) {
                        throw notFound("failed event");
                    }
                    reply(e, 202, new RetryView(id, "pending"));
                });
    }

    private OrganizationView organization(HubUser admin) {
        Organization org = tenants.findOrganization(admin.orgId()).orElseThrow(() -> notFound("organization"));
        return new OrganizationView(org.id(), org.name(), org.defaultRegion(), org.timeZone(),
                tenants.alertEmail(admin.orgId()).orElse(null));
    }

    private OrganizationView updateOrganization(HubUser admin, OrganizationChange change) {
        Organization current = tenants.findOrganization(admin.orgId()).orElseThrow(() -> notFound("organization"));
        String name = change.name();
        String region = change.defaultRegion();
        String zone = change.timeZone();
        String alertEmail = change.alertEmail();
        if (region != null && !PhoneNumberUtil.getInstance().getSupportedRegions().contains(region.toUpperCase())) {
            throw invalid("defaultRegion", "must be a two-letter region such as US or GB");
        }
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException ex) {
                throw invalid("timeZone", "must be an IANA time zone such as America/Chicago");
            }
        }
        tenants.saveOrganization(new Organization(current.id(), name != null ? name : current.name(),
                region != null ? region.toUpperCase() : current.defaultRegion(), zone != null ? zone : current.timeZone()));
        if (alertEmail != null) {
            tenants.setAlertEmail(admin.orgId(), alertEmail);
        }
        return organization(admin);
    }

    private AccountView createAccount(Exchange e, HubUser admin, NewProviderAccount body) {
        String provider = body.provider();
        var connector = connectors.voip(provider).orElseThrow(() -> invalid("provider",
                "must be one of " + connectors.voipConnectors().stream().map(c -> c.provider()).toList()));
        String secret = body.secret();
        if (secret == null && !"endpoint-key".equals(connector.signatureScheme())) {
            throw invalid("secret", "is required for " + provider + " (its " + connector.signatureScheme() + " webhooks are signed with it)");
        }
        UUID id = UUID.randomUUID();
        tenants.saveProviderAccount(admin.orgId(), id, provider, EndpointKeys.generate(),
                secret != null ? secret : EndpointKeys.generate());
        String apiToken = body.apiToken();
        if (apiToken != null) {
            tenants.saveApiToken(admin.orgId(), id, apiToken);
        }
        // a new account has received nothing yet
        return account(e, tenants.findProviderAccount(admin.orgId(), id).orElseThrow(), null);
    }

    private AmsConnectionView saveAms(HubUser admin, AmsConnectionChange body) throws Exception {
        String type = body.type();
        if (!amsConnectors.hasAms(type)) {
            throw invalid("type", "must be one of the installed AMS types "
                    + amsConnectors.amsConnectors().stream().map(AmsConnector::type).toList());
        }
        String baseUrl = body.baseUrl();
        checkEgress("baseUrl", baseUrl, type);
        JsonNode credentials = body.credentials();
        if (!credentials.isObject() || credentials.isEmpty()) {
            throw invalid("credentials", "must be an object with the AMS's credentials");
        }
        JsonNode settings = body.settings() == null ? MissingNode.getInstance() : body.settings();
        if (!settings.isMissingNode() && !settings.isNull() && !settings.isObject()) {
            throw invalid("settings", "must be an object of connector settings");
        }
        JsonNode tokenUrl = settings.path("tokenUrl");
        if (!tokenUrl.isMissingNode() && !tokenUrl.isNull()) {
            // where the vendor fixes its hosts, the token endpoint is the vendor's (only a sandbox simulator's is taken)
            if (!tokenUrl.isTextual() || egress.vendorFixesHosts(type) && !egress.isExempt(tokenUrl.asText())) {
                throw invalid("settings.tokenUrl", "cannot be set for " + type + ": its token endpoint is fixed by the vendor");
            }
            checkEgress("settings.tokenUrl", tokenUrl.asText(), type);
        }
        ams.save(admin.orgId(), type, baseUrl, mapper.writeValueAsString(credentials), body.activityCode(),
                settings.isObject() ? mapper.writeValueAsString(settings) : "{}", admin.userId());
        return ams.describe(admin.orgId()).orElseThrow();
    }

    /** A URL the hub will call for this AMS: refused with a 400 naming the field when the egress policy says no. */
    private void checkEgress(String field, String url, String type) {
        try {
            egress.checkForSaving(url, type);
        } catch (EgressRefusedException ex) {
            throw invalid(field, ex.getMessage());
        }
    }

    private List<AgentMappingRepository.AgentMapping> mappings(AgentMappingLine[] lines) {
        List<AgentMappingRepository.AgentMapping> list = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            AgentMappingLine line = lines[i];
            if (!connectors.hasVoip(line.provider())) {
                throw invalid("[" + i + "].provider", "is not an installed provider");
            }
            if (line.providerUserId() == null && line.email() == null && line.extension() == null) {
                throw invalid("[" + i + "]", "needs a providerUserId, email or extension");
            }
            list.add(line.mapping());
        }
        return list;
    }

    /** An account as the admin sees it: its webhook URL, its last webhook and how to set it up at the provider. */
    private AccountView account(Exchange e, ProviderAccountView a, TenantRepository.LastWebhook last) {
        // a connector removed since the account was made: the generic steps
        ConnectorSetup setup = connectors.voip(a.provider()).map(VoipConnector::setup)
                .orElseGet(() -> new ConnectorSetup(a.provider(), null, ConnectorSetup.GENERIC_STEPS, List.of()));
        return new AccountView(a.id(), a.provider(), baseUrl(e) + "/webhooks/" + a.provider() + "/" + a.endpointKey(),
                a.enabled(), a.hasApiToken(), a.oauthClientId(), a.createdAt().toString(),
                last == null ? null : last.receivedAt().toString(), last == null ? null : last.status(), setup(setup));
    }

    private static ConnectorView connector(VoipConnector connector) {
        return new ConnectorView("voip", connector.provider(), null, connector.setup().title(),
                connector.setup().description(), setup(connector.setup()), null, null);
    }

    /** An AMS type as an admin chooses it: its title, what it does, the credential names its connector reads. */
    private static ConnectorView amsConnector(AmsConnector connector) {
        return new ConnectorView("ams", null, connector.type(), connector.title(), connector.description(), null,
                connector.credentials(), connector.declarative());
    }

    private static SetupView setup(ConnectorSetup setup) {
        return new SetupView(setup.steps(), setup.events());
    }

    private String baseUrl(Exchange e) {
        return publicBaseUrl.of(e);
    }

    private void reply(Exchange e, int status, Object body) throws Exception {
        replies.reply(e, status, body);
    }

    private static UUID accountId(Exchange e) {
        return PathIds.uuid(e, notFoundDetail("provider account"));
    }

    private static ProblemException notFound(String what) {
        return ProblemException.notFound(notFoundDetail(what));
    }

    private static String notFoundDetail(String what) {
        return "No such " + what + " in your organization.";
    }
}
