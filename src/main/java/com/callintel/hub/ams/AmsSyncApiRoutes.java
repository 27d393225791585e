package com.callintel.hub.ams;

import java.util.List;
import java.util.Set;

import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.access.HubUser;
import com.callintel.hub.http.ApiDocs;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.http.JsonRequests;
import com.callintel.hub.http.PathIds;
import com.callintel.hub.problem.ApiProblems;
import com.callintel.hub.problem.ProblemException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The AMS syncs of the signed-in user's organization: see what was written, what waits for a choice of client
 * and what failed; pick or assign the client (then the note is written); admins retry dead-lettered syncs.
 */
@Component
class AmsSyncApiRoutes extends RouteBuilder {

    private static final String NOT_FOUND = "No such AMS sync waiting for this action in your organization.";
    private static final Set<String> STATUSES = Set.of("pending", "syncing", "synced", "unmatched", "needs_choice", "dead");

    private final CurrentUser users;
    private final AmsSyncQueue queue;
    private final JdbcClient jdbc;
    private final JsonRequests requests;
    private final ObjectMapper mapper;
    private final JsonReplies replies;

    AmsSyncApiRoutes(CurrentUser users, AmsSyncQueue queue, JdbcClient jdbc, JsonRequests requests,
                     ObjectMapper mapper, JsonReplies replies) {
        this.replies = replies;
        this.users = users;
        this.queue = queue;
        this.jdbc = jdbc;
        this.requests = requests;
        this.mapper = mapper;
    }

    @Override
    public void configure() {
        rest("/api").description("The AMS syncs of the signed-in user's organization")
                .get("/ams-syncs").id("api-ams-syncs")
                    .param(ApiDocs.query("status", "string", "only syncs of this status: " + STATUSES))
                    .outType(SyncRow[].class).to("direct:api-ams-syncs")
                .post("/ams-syncs/{id}/target").id("api-ams-syncs-target").param(ApiDocs.numericId()).type(TargetChoice.class)
                    .responseMessage(ApiDocs.answer(202, "The note will be written there", SyncAccepted.class))
                    .to("direct:api-ams-syncs-target")
                .post("/admin/ams-syncs/{id}/retry").id("api-admin-ams-syncs-retry").param(ApiDocs.numericId())
                    .responseMessage(ApiDocs.answer(202, "Back in the queue", SyncAccepted.class))
                    .to("direct:admin-ams-syncs-retry");

        // The organization's syncs, newest first, optionally by status.
        from("direct:api-ams-syncs").routeId("api-ams-syncs-list").routeConfigurationId(ApiProblems.ID)
                .process(e -> reply(e, 200, list(users.of(e), status(e))));

        // An agent or admin picks the client (several matches) or assigns one (no match): the note is then written.
        from("direct:api-ams-syncs-target").routeId("api-ams-syncs-target").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser user = users.of(e);
                    long id = id(e);
                    String target = requests.body(e, TargetChoice.class).targetId();
                    if (!choosable(user, id, target)) {
                        throw notFound();
                    }
                    queue.requeue(user.orgId(), id, target);
                    reply(e, 202, new SyncAccepted(id, "pending", target));
                });

        // An admin retries a dead-lettered sync once its cause is fixed.
        from("direct:admin-ams-syncs-retry").routeId("admin-ams-syncs-retry").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    long id = id(e);
                    if (!retryable(users.admin(e), id) || !queue.requeue(users.admin(e).orgId(), id, null)) {
                        throw notFound();
                    }
                    reply(e, 202, new SyncAccepted(id, "pending", null));
                });
    }

    private List<SyncRow> list(HubUser user, String status) {
        return jdbc.sql("""
                select id, source_kind as "sourceKind", source_id as "sourceId", status, target_id as "targetId",
                    candidates::text as candidates, attempts, last_error as "lastError",
                    synced_at::text as "syncedAt", updated_at::text as "updatedAt"
                from ams_sync where org_id = :org and (cast(:status as text) is null or status = :status)
                order by id desc limit 200
                """)
                .param("org", user.orgId()).param("status", status)
                .query((rs, n) -> new SyncRow(rs.getLong("id"), rs.getString("sourceKind"), rs.getLong("sourceId"),
                        rs.getString("status"), rs.getString("targetId"), json(rs.getString("candidates")),
                        rs.getInt("attempts"), rs.getString("lastError"), rs.getString("syncedAt"), rs.getString("updatedAt")))
                .list();
    }

    private JsonNode json(String text) {
        try {
            return text == null ? null : mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("candidates of an AMS sync are not JSON", e);
        }
    }

    /** Only a sync of the user's organization that waits for a client; with several matches, one of them. */
    private boolean choosable(HubUser user, long id, String target) {
        return jdbc.sql("""
                select count(*) from ams_sync where org_id = :org and id = :id
                  and (status = 'unmatched'
                       or (status = 'needs_choice' and jsonb_path_exists(candidates, '$[*] ? (@.id == $t)',
                           jsonb_build_object('t', cast(:target as text)))))
                """)
                .param("org", user.orgId()).param("id", id).param("target", target)
                .query(Long.class).single() == 1;
    }

    private boolean retryable(HubUser admin, long id) {
        return jdbc.sql("select count(*) from ams_sync where org_id = :org and id = :id and status = 'dead'")
                .param("org", admin.orgId()).param("id", id).query(Long.class).single() == 1;
    }

    private void reply(Exchange e, int status, Object body) throws Exception {
        replies.reply(e, status, body);
    }

    private static long id(Exchange e) {
        return PathIds.number(e, NOT_FOUND);
    }

    private static String status(Exchange e) {
        String status = e.getIn().getHeader("status", String.class);
        if (status != null && !STATUSES.contains(status)) {
            throw JsonRequests.invalid("status", "must be one of " + STATUSES);
        }
        return status;
    }

    private static ProblemException notFound() {
        return ProblemException.notFound(NOT_FOUND);
    }

    /** POST /api/ams-syncs/{id}/target: the AMS record the note goes to. */
    record TargetChoice(@NotBlank(message = JsonRequests.REQUIRED) @Size(max = 200, message = JsonRequests.AT_MOST)
                        String targetId) {
    }

    /** A sync sent back to the queue, with the client chosen for it (a retry keeps its own). */
    record SyncAccepted(long id, String status, @JsonInclude(JsonInclude.Include.NON_NULL) String targetId) {
    }

    /** One sync as listed. */
    record SyncRow(long id, String sourceKind, long sourceId, String status, String targetId, JsonNode candidates,
                   int attempts, String lastError, String syncedAt, String updatedAt) {
    }
}
