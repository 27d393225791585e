package com.callintel.hub.admin;

import java.util.List;
import java.util.UUID;

import com.callintel.hub.calls.CallRecords;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;
import static com.callintel.hub.http.JsonRequests.AT_MOST;
import static com.callintel.hub.http.JsonRequests.PRESENT;
import static com.callintel.hub.http.JsonRequests.REQUIRED;

/** What the admin API reads and answers: the records its operations declare in the OpenAPI document. */
final class AdminBodies {

    private AdminBodies() {
    }

    /** PUT /api/admin/organization: only the fields sent change. */
    record OrganizationChange(
            @Pattern(regexp = PRESENT, message = REQUIRED) @Size(max = 200, message = AT_MOST) String name,
            @Pattern(regexp = PRESENT, message = REQUIRED) @Size(max = 2, message = AT_MOST) String defaultRegion,
            @Pattern(regexp = PRESENT, message = REQUIRED) @Size(max = 64, message = AT_MOST) String timeZone,
            @Pattern(regexp = PRESENT, message = REQUIRED) @Size(max = 320, message = AT_MOST)
            @Pattern(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be an email address") String alertEmail) {
    }

    /** The organization's settings as the admin sees them. */
    record OrganizationView(UUID id, String name, String defaultRegion, String timeZone, String alertEmail) {
    }

    /** POST /api/admin/provider-accounts: the secret is optional for providers that sign with the endpoint key. */
    record NewProviderAccount(
            @NotBlank(message = REQUIRED) @Size(max = 64, message = AT_MOST) String provider,
            @Pattern(regexp = PRESENT, message = REQUIRED) @Size(max = 512, message = AT_MOST) String secret,
            @Pattern(regexp = PRESENT, message = REQUIRED) @Size(max = 4096, message = AT_MOST) String apiToken) {
    }

    /** POST /api/admin/provider-accounts/{id}/secret. */
    record NewSecret(@NotBlank(message = REQUIRED) @Size(max = 512, message = AT_MOST) String secret) {
    }

    /**
     * PUT /api/admin/provider-accounts/{id}/oauth-app: the provider's Server-to-Server OAuth app (Zoom: Account ID,
     * Client ID, Client Secret of the app's App Credentials page).
     */
    record OAuthAppChange(
            @NotBlank(message = REQUIRED) @Size(max = 64, message = AT_MOST)
            @Pattern(regexp = OAUTH_ID, message = OAUTH_ID_MESSAGE) String accountId,
            @NotBlank(message = REQUIRED) @Size(max = 128, message = AT_MOST)
            @Pattern(regexp = OAUTH_ID, message = OAUTH_ID_MESSAGE) String clientId,
            @NotBlank(message = REQUIRED) @Size(max = 512, message = AT_MOST)
            @Pattern(regexp = "\\S+", message = "must not contain spaces") String clientSecret) {
    }

    private static final String OAUTH_ID = "[A-Za-z0-9_.-]*";
    private static final String OAUTH_ID_MESSAGE = "must be letters, digits, '_', '-' or '.' as the provider shows it";

    /**
     * An account as the admin sees it: its webhook URL, its last webhook and how to set it up at the provider; of
     * its OAuth app only the client id.
     */
    record AccountView(UUID id, String provider, String webhookUrl, boolean enabled, boolean apiTokenSet,
                       @JsonInclude(NON_NULL) String oauthClientId, String createdAt, String lastWebhookAt, String lastWebhookStatus, SetupView setup) {
    }

    record SetupView(List<String> steps, List<String> events) {
    }

    /** One installed connector: a VoIP one (provider, setup) or an AMS type (type, credentials, declarative). */
    record ConnectorView(String kind, @JsonInclude(NON_NULL) String provider, @JsonInclude(NON_NULL) String type,
                         String title, String description, @JsonInclude(NON_NULL) SetupView setup,
                         @JsonInclude(NON_NULL) List<String> credentials, @JsonInclude(NON_NULL) Boolean declarative) {
    }

    /** PUT /api/admin/ams-connection: credentials and settings are the AMS type's own (its connector file). */
    record AmsConnectionChange(
            @NotBlank(message = REQUIRED) @Size(max = 32, message = AT_MOST) String type,
            @NotBlank(message = REQUIRED) @Size(max = 512, message = AT_MOST) String baseUrl,
            @NotNull(message = "must be an object with the AMS's credentials") JsonNode credentials,
            JsonNode settings,
            @Pattern(regexp = PRESENT, message = REQUIRED) @Size(max = 64, message = AT_MOST) String activityCode) {
    }

    /** POST /api/admin/ams-connection/test (body optional): a number to look up live, an Epic note access level. */
    record AmsTest(String number, String noteAccessLevelId) {
    }

    /** One line of PUT /api/admin/agents: a member and the provider's agent id, email or extension. */
    record AgentMappingLine(
            @NotBlank(message = REQUIRED) @Size(max = 64, message = AT_MOST) String provider,
            @Pattern(regexp = PRESENT, message = REQUIRED) @Size(max = 200, message = AT_MOST) String providerUserId,
            @Pattern(regexp = PRESENT, message = REQUIRED) @Size(max = 320, message = AT_MOST) String email,
            @Pattern(regexp = PRESENT, message = REQUIRED) @Size(max = 32, message = AT_MOST) String extension,
            @NotBlank(message = REQUIRED) @Size(max = 200, message = AT_MOST) String memberId) {

        AgentMappingRepository.AgentMapping mapping() {
            return new AgentMappingRepository.AgentMapping(memberId, provider, providerUserId, email, extension);
        }
    }

    /** A provider user seen in the organization's recent calls. */
    record SeenAgentView(String provider, String userId, String name, String email, String extension,
                         String lastSeenAt, boolean mapped) {

        static SeenAgentView of(CallRecords.SeenAgent agent) {
            return new SeenAgentView(agent.provider(), agent.userId(), agent.name(), agent.email(), agent.extension(),
                    agent.lastSeenAt().toString(), agent.mapped());
        }
    }

    /** A stored event sent back to the queue. */
    record RetryView(long id, String status) {
    }

    /** The setup checklist: provider connected, AMS tested, agents mapped, alert mail set. */
    record SetupChecklistView(List<SetupItem> items) {
    }

    record SetupItem(String id, boolean done, String detail, String section) {
    }
}
