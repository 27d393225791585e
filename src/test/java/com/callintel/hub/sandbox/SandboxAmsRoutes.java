package com.callintel.hub.sandbox;

import java.util.List;
import java.util.Map;

import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.problem.ApiProblems;
import com.callintel.hub.sandbox.ams.AppliedEpicSimulator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Lets a newcomer see what the hub wrote into the sandbox AMS of the default run (the Applied Epic simulator):
 * the activities and notes, newest first. Fake data only; admins only; absent outside the sandbox.
 */
@Component
@ConditionalOnProperty(name = "callintel.sandbox.enabled", havingValue = "true")
class SandboxAmsRoutes extends RouteBuilder {

    private final AppliedEpicSimulator epic;
    private final CurrentUser users;
    private final ObjectMapper mapper;

    SandboxAmsRoutes(AppliedEpicSimulator epic, CurrentUser users, ObjectMapper mapper) {
        this.epic = epic;
        this.users = users;
        this.mapper = mapper;
    }

    @Override
    public void configure() {
        rest("/api/admin/sandbox")
                .get("/ams-records").id("api-admin-sandbox-ams-records").outType(AmsRecord[].class)
                    .to("direct:sandbox-ams-records");

        // What the sandbox AMS holds: every activity and note the hub wrote to it.
        from("direct:sandbox-ams-records").routeId("sandbox-ams-records").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    users.admin(e);
                    List<com.callintel.hub.sandbox.ams.CreatedRecord> created = new java.util.ArrayList<>(epic.created());
                    java.util.Collections.reverse(created);
                    List<Map<String, Object>> records = created.stream()
                            .map(r -> Map.<String, Object>of("kind", r.kind().name(), "id", r.id(),
                                    "clientId", String.valueOf(r.clientId()), "text", String.valueOf(r.text()),
                                    "createdAt", r.createdAt().toString()))
                            .toList();
                    e.getMessage().removeHeaders("*");
                    e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                    e.getMessage().setBody(mapper.writeValueAsString(records));
                });
    }

    /** One activity or note the hub wrote to the sandbox AMS. */
    record AmsRecord(String kind, String id, String clientId, String text, String createdAt) {
    }
}
