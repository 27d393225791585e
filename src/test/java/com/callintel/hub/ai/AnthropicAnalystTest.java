package com.callintel.hub.ai;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.callintel.hub.sandbox.ai.AnthropicSimulator;
import com.callintel.hub.sandbox.ai.AnthropicSimulator.Fault;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The analyst against the Messages API simulator: the request it makes, the reply it accepts, the failures it names. */
class AnthropicAnalystTest {

    private static final String KEY = "sk-ant-analyst-test";
    private static final String TRANSCRIPT = "Caller: I want a quote for my new house. Agent: I will send the quote by 2026-12-10.";

    @TempDir
    Path config;
    private AnthropicSimulator simulator;
    private AnthropicAnalyst analyst;

    @BeforeEach
    void start() throws Exception {
        simulator = new AnthropicSimulator(0, KEY);
        Path prompt = Files.writeString(config.resolve("prompt.md"), "You read one insurance call. Record it.");
        AiProperties properties = new AiProperties(null, "claude-test-model", 300, 60, 0, prompt, 0,
                Duration.ofSeconds(5), 0, null, null, null);
        analyst = new AnthropicAnalyst(properties, new AnalysisPrompt(properties), simulator::baseUrl, new ObjectMapper());
    }

    @AfterEach
    void stop() {
        analyst.close();
        simulator.close();
    }

    @Test
    void asksWithTheKeyVersionPromptAndForcedToolThenReadsTheAnalysis() {
        AnthropicAnalyst.Answer answer = analyst.analyse(KEY, TRANSCRIPT.substring(0, 60));

        var request = simulator.received().get(0);
        assertThat(request.apiKey()).isEqualTo(KEY);
        assertThat(request.version()).isEqualTo(AnthropicAnalyst.API_VERSION);
        assertThat(request.body().path("model").asText()).isEqualTo("claude-test-model");
        assertThat(request.body().path("max_tokens").asInt()).isEqualTo(300);
        assertThat(request.body().path("system").toString()).contains("You read one insurance call");
        assertThat(request.body().path("tool_choice").path("name").asText()).isEqualTo(AnthropicAnalyst.TOOL);
        assertThat(request.body().path("tools").get(0).path("input_schema").path("properties").path("intent")
                .path("enum").toString()).contains("certificate_request");
        assertThat(answer.analysis().intent()).isEqualTo("new_quote");
        assertThat(answer.analysis().sentiment()).isEqualTo("neutral");
        assertThat(answer.inputTokens()).isPositive();
        assertThat(answer.cut()).isFalse();
    }

    @Test
    void aTranscriptOverTheInputLimitIsCutAndTheMessageSaysSo() {
        AnthropicAnalyst.Answer answer = analyst.analyse(KEY, TRANSCRIPT);

        assertThat(answer.cut()).isTrue();
        assertThat(answer.analysedChars()).isEqualTo(60);
        assertThat(answer.transcriptChars()).isEqualTo(TRANSCRIPT.length());
        assertThat(simulator.received().get(0).body().path("messages").get(0).path("content").toString())
                .contains("the first 60 of its " + TRANSCRIPT.length() + " characters")
                .doesNotContain("2026-12-10");
    }

    @Test
    void rateLimitAndOverloadArePassingFailuresWithTheRetryAfterTheApiSent() {
        simulator.failNext(new Fault(429, "rate_limit_error", 7), new Fault(529, "overloaded_error", null));

        var limited = catchThrowableOfType(AnthropicAnalyst.ApiFailure.class, () -> analyst.analyse(KEY, TRANSCRIPT));
        var overloaded = catchThrowableOfType(AnthropicAnalyst.ApiFailure.class, () -> analyst.analyse(KEY, TRANSCRIPT));

        assertThat(limited.status).isEqualTo(429);
        assertThat(limited.transientFailure()).isTrue();
        assertThat(limited.retryAfter).hasValue(Duration.ofSeconds(7));
        assertThat(overloaded.status).isEqualTo(529);
        assertThat(overloaded.transientFailure()).isTrue();
        assertThat(overloaded.retryAfter).isEmpty();
        assertThat(simulator.received()).hasSize(2);   // the SDK retried nothing by itself
    }

    @Test
    void aRefusedKeyIsNotAPassingFailure() {
        var refused = catchThrowableOfType(AnthropicAnalyst.ApiFailure.class, () -> analyst.analyse("sk-ant-wrong", TRANSCRIPT));

        assertThat(refused.status).isEqualTo(401);
        assertThat(refused.keyRefused()).isTrue();
        assertThat(refused.transientFailure()).isFalse();
    }

    @Test
    void aReplyOffTheSchemaIsRefused() {
        simulator.replyWithToolInput("{\"summary\":\"One. Two. Three. Four.\",\"intent\":\"claim\",\"sentiment\":\"neutral\","
                + "\"follow_up_actions\":[]}");
        var refused = catchThrowableOfType(AnthropicAnalyst.RefusedReply.class, () -> analyst.analyse(KEY, TRANSCRIPT));
        assertThat(refused).hasMessageContaining("more than 3 sentences");
        assertThat(refused.tokens).as("the refused reply's usage, input and output").isGreaterThan(10);

        simulator.replyWithToolInput("{\"summary\":\"A call.\",\"intent\":\"lunch\",\"sentiment\":\"neutral\",\"follow_up_actions\":[]}");
        assertThatThrownBy(() -> analyst.analyse(KEY, TRANSCRIPT)).hasMessageContaining("'intent' is not one of");

        simulator.replyWithToolInput("not json at all");
        assertThatThrownBy(() -> analyst.analyse(KEY, TRANSCRIPT)).hasMessageContaining("not a JSON object");

        simulator.replyWithToolInput("{\"summary\":\"A call.\",\"intent\":\"claim\",\"sentiment\":\"neutral\","
                + "\"follow_up_actions\":[{\"text\":\"Call back\",\"due_date\":\"next week\"}]}");
        assertThatThrownBy(() -> analyst.analyse(KEY, TRANSCRIPT)).hasMessageContaining("due_date");
    }
}
