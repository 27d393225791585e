package com.callintel.hub.sandbox.ai;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator keeps the Messages API's documented contract: headers, request checks, answers and errors. */
class AnthropicSimulatorTest {

    private static final String KEY = "sk-ant-test-0001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOOL_REQUEST = """
            {"model":"claude-sonnet-4-5","max_tokens":512,"system":"Analyse the call.",
             "tools":[{"name":"record_call_analysis","input_schema":{"type":"object","properties":{}}}],
             "tool_choice":{"type":"tool","name":"record_call_analysis"},
             "messages":[{"role":"user","content":"<transcript>Caller: I need to file a claim for my car. Thank you. Agent: I will call back tomorrow.</transcript>"}]}""";

    private final AnthropicSimulator simulator = new AnthropicSimulator(0, KEY);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aForcedToolAnswersWithOneToolUseInTheDocumentedShape() throws Exception {
        HttpResponse<String> response = post(TOOL_REQUEST, Map.of("x-api-key", KEY, "anthropic-version", "2023-06-01"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode reply = JSON.readTree(response.body());
        assertThat(reply.path("id").asText()).startsWith("msg_");
        assertThat(reply.path("type").asText()).isEqualTo("message");
        assertThat(reply.path("role").asText()).isEqualTo("assistant");
        assertThat(reply.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(reply.path("usage").path("input_tokens").asInt()).isPositive();
        assertThat(reply.path("usage").path("output_tokens").asInt()).isPositive();
        JsonNode use = reply.path("content").get(0);
        assertThat(use.path("type").asText()).isEqualTo("tool_use");
        assertThat(use.path("name").asText()).isEqualTo("record_call_analysis");
        assertThat(use.path("input").path("intent").asText()).isEqualTo("claim");
        assertThat(use.path("input").path("sentiment").asText()).isEqualTo("positive");
        assertThat(use.path("input").path("follow_up_actions").get(0).path("text").asText()).contains("call back");
    }

    @Test
    void missingOrWrongKeyIsAnAuthenticationError() throws Exception {
        assertError(post(TOOL_REQUEST, Map.of("anthropic-version", "2023-06-01")), 401, "authentication_error");
        assertError(post(TOOL_REQUEST, Map.of("x-api-key", "sk-ant-other", "anthropic-version", "2023-06-01")), 401,
                "authentication_error");
    }

    @Test
    void missingVersionOrBadRequestIsAnInvalidRequestError() throws Exception {
        assertError(post(TOOL_REQUEST, Map.of("x-api-key", KEY)), 400, "invalid_request_error");
        assertError(post("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Map.of("x-api-key", KEY, "anthropic-version", "2023-06-01")), 400, "invalid_request_error");
        assertError(post(TOOL_REQUEST.replace("\"name\":\"record_call_analysis\"}", "\"name\":\"other_tool\"}"),
                Map.of("x-api-key", KEY, "anthropic-version", "2023-06-01")), 400, "invalid_request_error");
    }

    @Test
    void injectedFaultsAnswerInOrderWithRetryAfterWhereTheApiSendsIt() throws Exception {
        simulator.failNext(new AnthropicSimulator.Fault(429, "rate_limit_error", 7),
                new AnthropicSimulator.Fault(529, "overloaded_error", null));
        Map<String, String> headers = Map.of("x-api-key", KEY, "anthropic-version", "2023-06-01");

        HttpResponse<String> limited = post(TOOL_REQUEST, headers);
        assertError(limited, 429, "rate_limit_error");
        assertThat(limited.headers().firstValue("retry-after")).hasValue("7");
        assertError(post(TOOL_REQUEST, headers), 529, "overloaded_error");
        assertThat(post(TOOL_REQUEST, headers).statusCode()).isEqualTo(200);
        assertThat(simulator.analysesAnswered()).isEqualTo(1);
    }

    private void assertError(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo(type);
        assertThat(body.path("error").path("message").asText()).isNotBlank();
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/v1/messages"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
