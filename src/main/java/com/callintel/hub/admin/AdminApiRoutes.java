package com.callintel.hub.admin;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.access.HubUser;
import com.callintel.hub.ams.AmsConnectionCheck;
import com.callintel.hub.ams.AmsConnectionRepository;
import com.callintel.hub.calls.CallRecords;
import com.callintel.hub.connectors.AmsConnector;
import com.callintel.hub.connectors.AmsConnectorCatalog;
import com.callintel.hub.connectors.ConnectorCatalog;
import com.callintel.hub.connectors.ConnectorSetup;
import com.callintel.hub.connectors.VoipConnector;
import com.callintel.hub.egress.EgressPolicy;
import com.callintel.hub.egress.EgressRefusedException;
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
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import static com.callintel.hub.http.JsonRequests.invalid;
import static com.callintel.hub.http.JsonRequests.optional;
import static com.callintel.hub.http.JsonRequests.required;

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
        rest("/api/admin")
                .get("/setup").id("api-admin-setup").to("direct:admin-setup")
                .get("/connectors").id("api-admin-connectors").to("direct:admin-connectors")
                .get("/organization").id("api-admin-organization-get").to("direct:admin-organization-get")
                .put("/organization").id("api-admin-organization-put").to("direct:admin-organization-put")
                .get("/provider-accounts").id("api-admin-accounts-list").to("direct:admin-accounts-list")
                .post("/provider-accounts").id("api-admin-accounts-create").to("direct:admin-accounts-create")
                .post("/provider-accounts/{id}/secret").id("api-admin-accounts-secret").to("direct:admin-accounts-secret")
                .post("/provider-accounts/{id}/endpoint-key").id("api-admin-accounts-key").to("direct:admin-accounts-key")
                .delete("/provider-accounts/{id}").id("api-admin-accounts-delete").to("direct:admin-accounts-delete")
                .get("/ams-connection").id("api-admin-ams-get").to("direct:admin-ams-get")
                .put("/ams-connection").id("api-admin-ams-put").to("direct:admin-ams-put")
                .delete("/ams-connection").id("api-admin-ams-delete").to("direct:admin-ams-delete")
                .post("/ams-connection/test").id("api-admin-ams-test").to("direct:admin-ams-test")
                .get("/agents").id("api-admin-agents-get").to("direct:admin-agents-get")
                .put("/agents").id("api-admin-agents-put").to("direct:admin-agents-put")
                .get("/agents/seen").id("api-admin-agents-seen").to("direct:admin-agents-seen")
                .post("/events/{id}/retry").id("api-admin-events-retry").to("direct:admin-events-retry");

        // The setup checklist: provider connected, AMS tested, agents mapped, alert mail set; each names its section.
        from("direct:admin-setup").routeId("admin-setup").routeConfigurationId(ApiProblems.ID)
                .process(e -> reply(e, 200, setup.of(users.admin(e).orgId())));
        // The installed connectors: VoIP ones with the steps an admin takes in each provider's own admin, then the
        // AMS types with the credentials each reads (both from the connector files).
        from("direct:admin-connectors").routeId("admin-connectors").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    users.admin(e);
                    List<Map<String, Object>> list = new ArrayList<>();
                    connectors.voipConnectors().forEach(c -> list.add(connector(c)));
                    amsConnectors.amsConnectors().forEach(c -> list.add(amsConnector(c)));
                    reply(e, 200, list);
                });

        // Organization settings: name, phone region for national numbers, time zone for notes and reports.
        from("direct:admin-organization-get").routeId("admin-organization-get").routeConfigurationId(ApiProblems.ID)
                .process(e -> reply(e, 200, organization(users.admin(e))));
        from("direct:admin-organization-put").routeId("admin-organization-put").routeConfigurationId(ApiProblems.ID)
                .process(e -> reply(e, 200, updateOrganization(users.admin(e), requests.body(e))));

        // Provider accounts: the webhook URL to paste into the provider's console; secrets are write-only.
        from("direct:admin-accounts-list").routeId("admin-accounts-list").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser admin = users.admin(e);
                    Map<UUID, TenantRepository.LastWebhook> last = tenants.lastWebhooks(admin.orgId());
                    reply(e, 200, tenants.listProviderAccounts(admin.orgId()).stream()
                            .map(a -> account(e, a, last.get(a.id()))).toList());
                });
        from("direct:admin-accounts-create").routeId("admin-accounts-create").routeConfigurationId(ApiProblems.ID)
                .process(e -> reply(e, 201, createAccount(e, users.admin(e), requests.body(e))));
        from("direct:admin-accounts-secret").routeId("admin-accounts-secret").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser admin = users.admin(e);
                    String secret = required(requests.body(e), "secret", 512);
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
                .process(e -> reply(e, 200, saveAms(users.admin(e), requests.body(e))));
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
                    agents.replace(admin.orgId(), mappings(requests.body(e)));
                    reply(e, 200, agents.list(admin.orgId()));
                });
        // Provider users seen in the organization's recent calls, to pick from when mapping.
        from("direct:admin-agents-seen").routeId("admin-agents-seen").routeConfigurationId(ApiProblems.ID)
                .process(e -> reply(e, 200, calls.seenAgents(users.admin(e).orgId(), clock.instant().minus(SEEN_AGENTS_WINDOW))
                        .stream().map(AdminApiRoutes::seenAgent).toList()));

        // Retry a stored event that failed processing (after fixing its connector).
        from("direct:admin-events-retry").routeId("admin-events-retry").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    long id = PathIds.number(e, notFoundDetail("event"));
                    if (!queue.retryFailed(users.admin(e).orgId(), id)) {
                        throw notFound("failed event");
                    }
                    reply(e, 202, Map.of("id", id, "status", "pending"));
                });
    }

    private Map<String, Object> organization(HubUser admin) {
        Organization org = tenants.findOrganization(admin.orgId()).orElseThrow(() -> notFound("organization"));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", org.id());
        view.put("name", org.name());
        view.put("defaultRegion", org.defaultRegion());
        view.put("timeZone", org.timeZone());
        view.put("alertEmail", tenants.alertEmail(admin.orgId()).orElse(null));
        return view;
    }

    private Map<String, Object> updateOrganization(HubUser admin, JsonNode body) {
        Organization current = tenants.findOrganization(admin.orgId()).orElseThrow(() -> notFound("organization"));
        String name = optional(body, "name", 200);
        String region = optional(body, "defaultRegion", 2);
        String zone = optional(body, "timeZone", 64);
        String alertEmail = optional(body, "alertEmail", 320);
        if (alertEmail != null && !alertEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw invalid("alertEmail", "must be an email address");
        }
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

    private Map<String, Object> createAccount(Exchange e, HubUser admin, JsonNode body) {
        String provider = required(body, "provider", 64);
        var connector = connectors.voip(provider).orElseThrow(() -> invalid("provider",
                "must be one of " + connectors.voipConnectors().stream().map(c -> c.provider()).toList()));
        String secret = optional(body, "secret", 512);
        if (secret == null && !"endpoint-key".equals(connector.signatureScheme())) {
            throw invalid("secret", "is required for " + provider + " (its " + connector.signatureScheme() + " webhooks are signed with it)");
        }
        UUID id = UUID.randomUUID();
        tenants.saveProviderAccount(admin.orgId(), id, provider, EndpointKeys.generate(),
                secret != null ? secret : EndpointKeys.generate());
        String apiToken = optional(body, "apiToken", 4096);
        if (apiToken != null) {
            tenants.saveApiToken(admin.orgId(), id, apiToken);
        }
        // a new account has received nothing yet
        return account(e, tenants.findProviderAccount(admin.orgId(), id).orElseThrow(), null);
    }

    private Map<String, Object> saveAms(HubUser admin, JsonNode body) throws Exception {
        String type = required(body, "type", 32);
        if (!amsConnectors.hasAms(type)) {
            throw invalid("type", "must be one of the installed AMS types "
                    + amsConnectors.amsConnectors().stream().map(AmsConnector::type).toList());
        }
        String baseUrl = required(body, "baseUrl", 512);
        checkEgress("baseUrl", baseUrl, type);
        JsonNode credentials = body.path("credentials");
        if (!credentials.isObject() || credentials.isEmpty()) {
            throw invalid("credentials", "must be an object with the AMS's credentials");
        }
        JsonNode settings = body.path("settings");
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
        ams.save(admin.orgId(), type, baseUrl, mapper.writeValueAsString(credentials), optional(body, "activityCode", 64),
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

    private List<AgentMappingRepository.AgentMapping> mappings(JsonNode body) {
        if (!body.isArray()) {
            throw invalid("body", "must be an array of mappings");
        }
        List<AgentMappingRepository.AgentMapping> list = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode m = body.get(i);
            String provider = required(m, "provider", 64);
            if (!connectors.hasVoip(provider)) {
                throw invalid("[" + i + "].provider", "is not an installed provider");
            }
            String userId = optional(m, "providerUserId", 200);
            String email = optional(m, "email", 320);
            String extension = optional(m, "extension", 32);
            if (userId == null && email == null && extension == null) {
                throw invalid("[" + i + "]", "needs a providerUserId, email or extension");
            }
            list.add(new AgentMappingRepository.AgentMapping(required(m, "memberId", 200), provider, userId, email, extension));
        }
        return list;
    }

    /** An account as the admin sees it: its webhook URL, its last webhook and how to set it up at the provider. */
    private Map<String, Object> account(Exchange e, ProviderAccountView a, TenantRepository.LastWebhook last) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", a.id());
        view.put("provider", a.provider());
        view.put("webhookUrl", baseUrl(e) + "/webhooks/" + a.provider() + "/" + a.endpointKey());
        view.put("enabled", a.enabled());
        view.put("apiTokenSet", a.hasApiToken());
        view.put("createdAt", a.createdAt().toString());
        view.put("lastWebhookAt", last == null ? null : last.receivedAt().toString());
        view.put("lastWebhookStatus", last == null ? null : last.status());
        // a connector removed since the account was made: the generic steps
        view.put("setup", setup(connectors.voip(a.provider()).map(VoipConnector::setup)
                .orElseGet(() -> new ConnectorSetup(a.provider(), null, ConnectorSetup.GENERIC_STEPS, List.of()))));
        return view;
    }

    private static Map<String, Object> connector(VoipConnector connector) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", "voip");
        view.put("provider", connector.provider());
        view.put("title", connector.setup().title());
        view.put("description", connector.setup().description());
        view.put("setup", setup(connector.setup()));
        return view;
    }

    /** An AMS type as an admin chooses it: its title, what it does, the credential names its connector reads. */
    private static Map<String, Object> amsConnector(AmsConnector connector) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", "ams");
        view.put("type", connector.type());
        view.put("title", connector.title());
        view.put("description", connector.description());
        view.put("credentials", connector.credentials());
        view.put("declarative", connector.declarative());
        return view;
    }

    private static Map<String, Object> setup(ConnectorSetup setup) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("steps", setup.steps());
        view.put("events", setup.events());
        return view;
    }

    private static Map<String, Object> seenAgent(CallRecords.SeenAgent agent) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("provider", agent.provider());
        view.put("userId", agent.userId());
        view.put("name", agent.name());
        view.put("email", agent.email());
        view.put("extension", agent.extension());
        view.put("lastSeenAt", agent.lastSeenAt().toString());
        view.put("mapped", agent.mapped());
        return view;
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
