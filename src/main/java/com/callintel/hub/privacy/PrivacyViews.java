package com.callintel.hub.privacy;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answers of the data-rights operations as the OpenAPI document declares them: the privacy status as written,
 * the export (a stream) as it reads. The audit rows are the audit log's own ({@code AuditLog.AuditRow}).
 */
final class PrivacyViews {

    private PrivacyViews() {
    }

    /** How the privacy promise stands for the organization. */
    record PrivacyStatus(long pendingPurgeAfterSync, long notSyncedKeptUntilHardMaximum, String oldestUnpurgedAt,
                         Long oldestUnpurgedAgeHours, long purgedRecords, String lastPurgedAt, List<PurgeRun> lastRuns) {
    }

    record PurgeRun(String job, String startedAt, String finishedAt) {
    }

    /** Everything the hub holds for the organization: one array of rows (column name to value) per table. */
    record OrganizationExport(String format, List<JsonNode> organization, List<JsonNode> providerAccounts,
                              List<JsonNode> amsConnection, List<JsonNode> agentMappings, List<JsonNode> calls,
                              List<JsonNode> smsMessages, List<JsonNode> webhookEvents, List<JsonNode> amsSyncs,
                              List<JsonNode> aiSetting, List<JsonNode> callAnalyses, List<JsonNode> aiTokenUse,
                              List<JsonNode> callFacts, List<JsonNode> smsFacts, List<JsonNode> amsSyncFacts,
                              List<JsonNode> supportTickets, List<JsonNode> supportTicketChanges,
                              List<JsonNode> supportMailsUnsent, List<JsonNode> auditLog) {
    }
}
