package com.callintel.hub.ai;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonField;
import com.anthropic.core.JsonValue;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceTool;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * One analysis through Anthropic's Messages API with the official Java SDK: the prompt file as the system prompt,
 * the transcript (cut to {@code callintel.ai.input-limit} characters, the cut said in the message) as the user
 * message, and one tool, {@value #TOOL}, whose input schema is the analysis; the model is made to call it. The
 * SDK never retries by itself: the analysis queue owns retries, so a restart mid-retry never pays twice.
 */
@Component
class AnthropicAnalyst {

    static final String TOOL = "record_call_analysis";
    static final String API_VERSION = "2023-06-01";

    /** The reply's schema: fixed here, whatever the prompt file says. */
    private static final String SCHEMA = """
            {
              "summary": {"type": "string", "description": "What the call was about, in at most three sentences."},
              "intent": {"type": "string", "enum": %s, "description": "The caller's main reason for calling."},
              "sentiment": {"type": "string", "enum": %s, "description": "The caller's mood by the end of the call."},
              "follow_up_actions": {
                "type": "array", "maxItems": 10,
                "items": {
                  "type": "object",
                  "properties": {
                    "text": {"type": "string", "description": "What is to be done, by whom."},
                    "due_date": {"type": "string", "format": "date", "description": "YYYY-MM-DD, only if a date was said."}
                  },
                  "required": ["text"],
                  "additionalProperties": false
                }
              }
            }""";

    /** What an analysis cost and said; {@code analysedChars} of {@code transcriptChars} were sent. */
    record Answer(CallAnalysis analysis, long inputTokens, long outputTokens, int analysedChars, int transcriptChars,
                  String model) {

        boolean cut() {
            return analysedChars < transcriptChars;
        }
    }

    /** The API refused or failed; {@code retryAfter} is its {@code retry-after} when it sent one. */
    static final class ApiFailure extends RuntimeException {
        final int status;
        final String type;
        final Optional<Duration> retryAfter;

        ApiFailure(int status, String type, Optional<Duration> retryAfter, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.type = type;
            this.retryAfter = retryAfter;
        }

        /** Worth asking again later: rate limits, overload, server errors, the network. */
        boolean transientFailure() {
            return status == 0 || status == 408 || status == 409 || status == 429 || status >= 500;
        }

        /** The organization's key does not work: nothing will until an admin changes it. */
        boolean keyRefused() {
            return status == 401 || status == 403;
        }
    }

    /** A reply off the tool's schema: refused, but its {@code tokens} (input + output) were spent. */
    static final class RefusedReply extends RuntimeException {
        final long tokens;

        RefusedReply(String reason, long tokens) {
            super(reason);
            this.tokens = tokens;
        }
    }

    private final AiProperties properties;
    private final AnalysisPrompt prompt;
    private final AnthropicEndpoint endpoint;
    private final Tool tool;
    /** One SDK client per API key in use (each holds its key); an unused one is closed after an hour. */
    private final Cache<String, AnthropicClient> clients = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(1)).maximumSize(1_000)
            .<String, AnthropicClient>removalListener((key, client, cause) -> {
                if (client != null) {
                    client.close();
                }
            }).build();

    AnthropicAnalyst(AiProperties properties, AnalysisPrompt prompt, AnthropicEndpoint endpoint, ObjectMapper mapper)
            throws Exception {
        this.properties = properties;
        this.prompt = prompt;
        this.endpoint = endpoint;
        JsonNode schema = mapper.readTree(SCHEMA.formatted(mapper.writeValueAsString(CallAnalysis.INTENTS),
                mapper.writeValueAsString(CallAnalysis.SENTIMENTS)));
        Tool.InputSchema.Properties.Builder fields = Tool.InputSchema.Properties.builder();
        schema.fields().forEachRemaining(f -> fields.putAdditionalProperty(f.getKey(), JsonValue.fromJsonNode(f.getValue())));
        this.tool = Tool.builder().name(TOOL)
                .description("Records the analysis of one insurance agency phone call.")
                .inputSchema(Tool.InputSchema.builder().properties(fields.build())
                        .required(List.of("summary", "intent", "sentiment", "follow_up_actions"))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false)).build())
                .build();
    }

    /** Analyses one transcript with the organization's key. */
    Answer analyse(String apiKey, String transcript) {
        int sent = Math.min(transcript.length(), properties.inputLimit());
        String user = "<transcript>\n" + transcript.substring(0, sent) + "\n</transcript>"
                + (sent < transcript.length()
                ? "\n(The transcript was cut: these are the first " + sent + " of its " + transcript.length()
                + " characters.)" : "");
        MessageCreateParams params = MessageCreateParams.builder()
                .model(properties.model())
                .maxTokens(properties.maxTokens())
                .system(prompt.text())
                .addTool(tool)
                .toolChoice(ToolChoiceTool.of(TOOL))
                .addUserMessage(user)
                .build();
        Message reply;
        try {
            reply = client(apiKey).messages().create(params);
        } catch (AnthropicServiceException e) {
            throw new ApiFailure(e.statusCode(), e.errorType().map(Object::toString).orElse("unknown"),
                    retryAfter(e), "Anthropic answered " + e.statusCode() + " " + e.errorType().map(Object::toString).orElse(""), e);
        } catch (AnthropicIoException e) {
            throw new ApiFailure(0, "network", Optional.empty(), "Anthropic could not be reached: " + e.getMessage(), e);
        }
        // the usage first: a reply refused below was paid for all the same
        long inputTokens = tokens(reply, Usage::_inputTokens);
        long outputTokens = tokens(reply, Usage::_outputTokens);
        try {
            ToolUseBlock use = reply.content().stream().filter(ContentBlock::isToolUse).map(b -> b.toolUse().orElseThrow())
                    .filter(b -> b.name().equals(TOOL)).findFirst()
                    .orElseThrow(() -> new CallAnalysis.InvalidReplyException("the reply did not call " + TOOL));
            CallAnalysis analysis = CallAnalysis.fromToolInput(use._input().convert(JsonNode.class));
            return new Answer(analysis, inputTokens, outputTokens, sent, transcript.length(), properties.model());
        } catch (CallAnalysis.InvalidReplyException e) {
            throw new RefusedReply(e.getMessage(), inputTokens + outputTokens);
        } catch (AnthropicInvalidDataException e) {
            throw new RefusedReply("the reply is not a message the SDK can read", inputTokens + outputTokens);
        }
    }

    /** A token count of the reply's usage as the API reported it; 0 where it reported none. */
    private static long tokens(Message reply, Function<Usage, JsonField<Long>> field) {
        return reply._usage().asKnown().flatMap(usage -> field.apply(usage).asKnown()).orElse(0L);
    }

    private AnthropicClient client(String apiKey) {
        return clients.get(apiKey, key -> AnthropicOkHttpClient.builder()
                .baseUrl(endpoint.baseUrl())
                // the documented headers, sent as the API reference shows them (this SDK's defaults are a bearer
                // token and a newer version date)
                .putHeader("x-api-key", key)
                .replaceHeaders("anthropic-version", API_VERSION)
                .maxRetries(0)
                .timeout(properties.timeout())
                .build());
    }

    /** {@code retry-after} in seconds, as the API sends it with 429 and 529. */
    private static Optional<Duration> retryAfter(AnthropicServiceException e) {
        return e.headers().values("retry-after").stream().findFirst().flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
            } catch (NumberFormatException notSeconds) {
                return Optional.empty();
            }
        });
    }

    @PreDestroy
    void close() {
        clients.invalidateAll();
        clients.cleanUp();
    }
}
