package com.callintel.hub.analytics;

import java.time.Clock;
import java.util.List;

import com.callintel.hub.access.CurrentUser;
import com.callintel.hub.access.HubUser;
import com.callintel.hub.http.ApiDocs;
import com.callintel.hub.http.JsonReplies;
import com.callintel.hub.problem.ApiProblems;
import com.callintel.hub.problem.ProblemException;
import com.callintel.hub.tenancy.Organization;
import com.callintel.hub.tenancy.TenantRepository;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.ParamDefinition;
import org.springframework.stereotype.Component;

/**
 * Analytics API for any signed-in member: totals, agent leaderboard, weekday-by-hour heat map and daily trend of
 * the caller's organization, for whole days {@code from}..{@code to} in the organization's time zone.
 */
@Component
class AnalyticsApiRoutes extends RouteBuilder {

    private final AnalyticsQueries queries;
    private final CurrentUser users;
    private final TenantRepository tenants;
    private final JsonReplies replies;
    private final AnalyticsProperties properties;
    private final Clock clock;

    AnalyticsApiRoutes(AnalyticsQueries queries, CurrentUser users, TenantRepository tenants, JsonReplies replies,
                       AnalyticsProperties properties, Clock clock) {
        this.queries = queries;
        this.users = users;
        this.tenants = tenants;
        this.replies = replies;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configure() {
        rest("/api/analytics").description("The organization's call figures over whole days from..to")
                .get("/totals").id("api-analytics-totals").params(range()).outType(AnalyticsQueries.Totals.class)
                    .to("direct:api-analytics-totals")
                .get("/leaderboard").id("api-analytics-leaderboard").params(range())
                    .param(ApiDocs.query("measure", "string", "answered, talk_time, answer_rate or calls"))
                    .outType(AnalyticsQueries.Leaderboard.class).to("direct:api-analytics-leaderboard")
                .get("/heatmap").id("api-analytics-heatmap").params(range()).outType(AnalyticsQueries.HeatMap.class)
                    .to("direct:api-analytics-heatmap")
                .get("/trend").id("api-analytics-trend").params(range()).outType(AnalyticsQueries.Trend.class)
                    .to("direct:api-analytics-trend")
                .get("/intelligence").id("api-analytics-intelligence").params(range())
                    .outType(AnalyticsQueries.Intelligence.class).to("direct:api-analytics-intelligence");

        // Calls, answered, missed, voicemail, answer rate, talk and ring-to-answer times, SMS, AMS syncs.
        from("direct:api-analytics-totals").routeId("api-analytics-totals").routeConfigurationId(ApiProblems.ID)
                .process(e -> replies.reply(e, 200, queries.totals(range(e))));

        // Agents ranked by measure=answered|talk_time|answer_rate|calls.
        from("direct:api-analytics-leaderboard").routeId("api-analytics-leaderboard").routeConfigurationId(ApiProblems.ID)
                .process(e -> replies.reply(e, 200, queries.leaderboard(range(e),
                        LeaderboardMeasure.parse(e.getIn().getHeader("measure", String.class)))));

        // Call volume by weekday and hour of the day.
        from("direct:api-analytics-heatmap").routeId("api-analytics-heatmap").routeConfigurationId(ApiProblems.ID)
                .process(e -> replies.reply(e, 200, queries.heatMap(range(e))));

        // One line per day of the range.
        from("direct:api-analytics-trend").routeId("api-analytics-trend").routeConfigurationId(ApiProblems.ID)
                .process(e -> replies.reply(e, 200, queries.trend(range(e))));

        // The AI analyses' intent mix and the callers' sentiment per day.
        from("direct:api-analytics-intelligence").routeId("api-analytics-intelligence").routeConfigurationId(ApiProblems.ID)
                .process(e -> replies.reply(e, 200, queries.intelligence(range(e))));
    }

    /** from, to (ISO dates, the organization's days) and direction, as every analytics operation reads them. */
    private static List<ParamDefinition> range() {
        return List.of(ApiDocs.query("from", "string", "first day, YYYY-MM-DD").dataFormat("date"),
                ApiDocs.query("to", "string", "last day, YYYY-MM-DD").dataFormat("date"),
                ApiDocs.query("direction", "string", "inbound or outbound (both when absent)"));
    }

    private AnalyticsRange range(Exchange exchange) {
        HubUser user = users.of(exchange);
        Organization org = tenants.findOrganization(user.orgId()).orElseThrow();
        var in = exchange.getIn();
        return AnalyticsRange.parse(org.id(), org.timeZone(), in.getHeader("from", String.class),
                in.getHeader("to", String.class), in.getHeader("direction", String.class), clock,
                properties.maxRangeDays());
    }
}
