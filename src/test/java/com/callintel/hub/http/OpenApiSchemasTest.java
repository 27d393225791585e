package com.callintel.hub.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.callintel.hub.problem.ApiProblems;
import com.callintel.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API describes itself: every operation of /api/openapi.json names the schema of its request body (when it
 * takes one), of its answer (or says it answers 204 with none) and the type of each path parameter; and every
 * route behind an operation answers its problems through {@link ApiProblems}.
 */
class OpenApiSchemasTest extends HubIntegrationTest {

    /** POSTs that act on the resource of their path and take no body. */
    private static final Set<String> BODYLESS_POSTS = Set.of("api-admin-accounts-key", "api-admin-events-retry",
            "api-admin-ams-syncs-retry", "api-screen-pops-stream-ticket", "api-admin-sandbox-demo-traffic");
    private static final Set<String> BODY_METHODS = Set.of("post", "put", "patch");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    @Autowired
    ObjectMapper mapper;

    @Autowired
    CamelContext camel;

    @Test
    void everyOperationDeclaresItsSchemas() throws Exception {
        JsonNode document = mapper.readTree(get("/api/openapi.json").body());
        List<String> operations = new ArrayList<>();
        List<String> lacking = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            String method = entry.getKey();
            JsonNode operation = entry.getValue();
            String name = operation.path("operationId").asText() + " (" + method.toUpperCase() + " " + path.getKey() + ")";
            operations.add(name);
            if (BODY_METHODS.contains(method) && !BODYLESS_POSTS.contains(operation.path("operationId").asText())
                    && !hasSchema(operation.path("requestBody"))) {
                lacking.add(name + ": no request body schema");
            }
            if (!answersWithSchema(operation.path("responses"))) {
                lacking.add(name + ": no success answer with a schema (nor a declared 204): " + operation.path("responses"));
            }
            Matcher parameters = PATH_PARAMETER.matcher(path.getKey());
            while (parameters.find()) {
                if (!declaresPathParameter(operation, parameters.group(1))) {
                    lacking.add(name + ": path parameter " + parameters.group(1) + " has no declared type");
                }
            }
        }));

        assertThat(operations).as("operations in the document").hasSizeGreaterThanOrEqualTo(44);
        assertThat(lacking).as("operations lacking schemas").isEmpty();
    }

    /** REST routes take in the direct route they call (Camel's inline-routes), with its route configuration id. */
    @Test
    void everyRouteBehindAnOperationAnswersProblemsThroughApiProblems() {
        String document = camel.getRestConfiguration().getApiContextRouteId();
        List<String> operations = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (RouteDefinition route : camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions()) {
            if (!Boolean.TRUE.equals(route.isRest()) || route.getRouteId().equals(document)) {
                continue;
            }
            operations.add(route.getRouteId());
            if (!ApiProblems.ID.equals(route.getRouteConfigurationId())) {
                without.add(route.getRouteId() + " (" + route.getInput().getUri() + ")");
            }
        }
        assertThat(operations).as("routes behind REST operations").hasSizeGreaterThanOrEqualTo(44);
        assertThat(without).as("routes behind operations without route configuration " + ApiProblems.ID).isEmpty();
    }

    private static boolean hasSchema(JsonNode withContent) {
        JsonNode json = withContent.path("content").path("application/json").path("schema");
        return json.has("$ref") || json.has("type") || json.has("items");
    }

    private static boolean answersWithSchema(JsonNode responses) {
        for (var response : responses.properties()) {
            if (response.getKey().equals("204")) {
                return true;
            }
            if (response.getKey().startsWith("2") && hasSchema(response.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresPathParameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("path") && parameter.path("name").asText().equals(name)
                    && parameter.path("schema").has("type")) {
                return true;
            }
        }
        return false;
    }
}
