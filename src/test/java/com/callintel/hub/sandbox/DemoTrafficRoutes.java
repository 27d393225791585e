package com.callintel.hub.sandbox;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.access.HubUser;
import com.callintel.hub.admin.AgentMappingRepository;
import com.callintel.hub.admin.AgentMappingRepository.AgentMapping;
import com.callintel.hub.http.ApiDocs;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.problem.ApiProblems;
import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Seeds a month of demo traffic for the dashboard, on request: {@code POST /api/admin/sandbox/demo-traffic}
 * (an admin of the demo organization) or {@code callintel.sandbox.demo-traffic-on-start=true}. The webhooks go
 * through the real intake over HTTP, in the background; the answer says what is on its way. Sandbox only.
 */
@Component
@ConditionalOnProperty(name = "callintel.sandbox.enabled", havingValue = "true")
class DemoTrafficRoutes extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(DemoTrafficRoutes.class);

    private final SandboxProperties sandbox;
    private final AgentMappingRepository agents;
    private final CurrentUser users;
    private final JsonReplies replies;
    private final Environment environment;
    private final Clock clock;

    DemoTrafficRoutes(SandboxProperties sandbox, AgentMappingRepository agents, CurrentUser users, JsonReplies replies,
                      Environment environment, Clock clock) {
        this.sandbox = sandbox;
        this.agents = agents;
        this.users = users;
        this.replies = replies;
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    public void configure() {
        rest("/api/admin/sandbox")
                .post("/demo-traffic").id("api-admin-sandbox-demo-traffic")
                    .param(ApiDocs.query("days", "integer", "days of traffic, 1 to 31 (30)"))
                    .param(ApiDocs.query("callsPerWeekday", "integer", "calls per weekday, 1 to 5000 (70)"))
                    .responseMessage(ApiDocs.answer(202, "The traffic on its way", DemoTrafficStarted.class))
                    .to("direct:sandbox-demo-traffic");

        // Plan the month, start sending it, answer 202 with what is on its way.
        from("direct:sandbox-demo-traffic").routeId("sandbox-demo-traffic").routeConfigurationId(ApiProblems.ID)
                .process(e -> {
                    HubUser admin = users.admin(e);
                    if (!admin.orgId().equals(sandbox.orgId())) {
                        throw new ProblemException(Problem.of(403, "forbidden", "Not allowed",
                                "Demo traffic is only sent to the sandbox's demo organization."));
                    }
                    int days = number(e, "days", 30, 1, 31);
                    int perWeekday = number(e, "callsPerWeekday", 70, 1, 5000);
                    replies.reply(e, 202, start(days, perWeekday));
                });
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (environment.getProperty("callintel.sandbox.demo-traffic-on-start", Boolean.class, false)) {
            start(30, 70);
        }
    }

    private DemoTrafficStarted start(int days, int perWeekday) {
        mapDemoAgents();
        ZoneId zone = ZoneId.of(sandbox.timeZone());
        DemoTraffic.Plan plan = new DemoTraffic(System.nanoTime())
                .plan(zone, LocalDate.now(clock.withZone(zone)), days, perWeekday, clock.instant());
        String hub = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        ExecutorService sender = getContext().getExecutorServiceManager().newSingleThreadExecutor(this, "demo-traffic");
        sender.submit(() -> {
            try {
                int accepted = DemoTraffic.send(plan, hub, sandbox, 4);
                log.info("Demo traffic sent: {} of {} webhooks accepted ({} calls, {} SMS, {} to {})", accepted,
                        plan.webhooks().size(), plan.calls(), plan.messages(), plan.from(), plan.to());
            } catch (Exception ex) {
                log.warn("Demo traffic stopped: {}", ex.toString());
            } finally {
                getContext().getExecutorServiceManager().shutdown(sender);
            }
        });
        return new DemoTrafficStarted(plan.calls(), plan.messages(), plan.webhooks().size(), plan.from().toString(),
                plan.to().toString(), "/dashboard/");
    }

    /** What the demo traffic will send, and where to watch it. */
    record DemoTrafficStarted(long calls, long messages, long webhooks, String from, String to, String dashboard) {
    }

    /** Maps the demo agents to demo members, keeping whatever mapping the organization already has. */
    private void mapDemoAgents() {
        List<AgentMapping> mappings = new ArrayList<>(agents.list(sandbox.orgId()));
        for (DemoTraffic.DemoAgent agent : DemoTraffic.AGENTS) {
            boolean known = mappings.stream().anyMatch(m -> m.provider().equals(agent.provider())
                    && agent.userId().equals(m.providerUserId()));
            if (!known) {
                mappings.add(new AgentMapping(DemoTraffic.MEMBERS.get(agent.userId()), agent.provider(), agent.userId(),
                        null, agent.extension()));
            }
        }
        agents.replace(sandbox.orgId(), mappings);
    }

    private static int number(Exchange exchange, String name, int fallback, int min, int max) {
        String raw = exchange.getIn().getHeader(name, String.class);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // the problem below names the parameter
        }
        throw new ProblemException(Problem.of(400, "invalid-parameter", "Invalid parameter",
                name + " must be a whole number from " + min + " to " + max + "."));
    }
}
