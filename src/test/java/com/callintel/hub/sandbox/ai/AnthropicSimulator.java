package com.callintel.hub.sandbox.ai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback simulator of Anthropic's Messages API ({@code POST /v1/messages}) as documented: the
 * {@code x-api-key} and {@code anthropic-version} headers, the request fields ({@code model}, {@code max_tokens},
 * {@code system}, {@code messages}, {@code tools}, {@code tool_choice}), the response ({@code id}, {@code type},
 * {@code role}, {@code model}, {@code content} blocks incl. {@code tool_use}, {@code stop_reason}, {@code usage})
 * and the error answers ({@code {"type":"error","error":{"type":…,"message":…}}}: 400 invalid_request_error,
 * 401 authentication_error, 403 permission_error, 404 not_found_error, 413 request_too_large, 429
 * rate_limit_error with {@code retry-after}, 500 api_error, 529 overloaded_error).
 * <p>
 * It is not a model: when the request offers a tool, it answers with one {@code tool_use} of the first tool whose
 * input is an analysis derived deterministically from the words of the last user message (intent and sentiment
 * from keywords, the first sentence as the summary, a sentence with "call back"/"send" as an action). Faults are
 * queued ({@link #failNext}) and served in order before normal answers; a latency can be set for benchmarks.
 */
public final class AnthropicSimulator implements AutoCloseable {

    /** A request as the simulator saw it (the key as sent; the body as JSON). */
    public record Received(String apiKey, String version, JsonNode body) {
    }

    /** An injected error answer: status, Anthropic's error type, and the {@code retry-after} seconds (or null). */
    public record Fault(int status, String type, Integer retryAfterSeconds) {
    }

    private static final int MAX_BODY_BYTES = 2 << 20;
    private static final int MAX_RECORDED = 1_000;
    private static final Set<String> KNOWN_VERSIONS = Set.of("2023-06-01", "2023-01-01");

    private final ObjectMapper mapper = new ObjectMapper();
    private final Set<String> validKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final Deque<Received> received = new ArrayDeque<>();
    private final AtomicLong answered = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService workers;
    private volatile Duration latency = Duration.ZERO;
    private volatile String replyOverride;

    /** Starts on 127.0.0.1 ({@code port} 0: any free port), accepting the given API keys. */
    public AnthropicSimulator(int port, String... apiKeys) {
        validKeys.addAll(List.of(apiKeys));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        workers = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "anthropic-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void acceptKey(String apiKey) {
        validKeys.add(apiKey);
    }

    public void revokeKey(String apiKey) {
        validKeys.remove(apiKey);
    }

    /** The next answers are these errors, in order. */
    public void failNext(Fault... next) {
        faults.addAll(List.of(next));
    }

    /** Every normal answer's tool input becomes this JSON text (for malformed or schema-violating replies); null: derived. */
    public void replyWithToolInput(String json) {
        replyOverride = json;
    }

    /** How long each answer takes (a model's latency), for benchmarks. */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    public synchronized void clear() {
        received.clear();
        faults.clear();
        replyOverride = null;
    }

    /** Answers given with a message (not an error). */
    public long analysesAnswered() {
        return answered.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/v1/messages")) {
                error(exchange, 404, "not_found_error", "Not found");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                error(exchange, 405, "invalid_request_error", "Method not allowed");
                return;
            }
            byte[] bytes;
            try (InputStream in = exchange.getRequestBody()) {
                bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (bytes.length > MAX_BODY_BYTES) {
                error(exchange, 413, "request_too_large", "Request exceeds the maximum allowed number of bytes.");
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("x-api-key");
            String version = exchange.getRequestHeaders().getFirst("anthropic-version");
            JsonNode body;
            try {
                body = mapper.readTree(bytes);
            } catch (IOException e) {
                body = null;
            }
            record(new Received(key, version, body));
            if (key == null || key.isBlank()) {
                error(exchange, 401, "authentication_error", "x-api-key header is required");
                return;
            }
            if (!validKeys.contains(key)) {
                error(exchange, 401, "authentication_error", "invalid x-api-key");
                return;
            }
            if (version == null) {
                error(exchange, 400, "invalid_request_error", "anthropic-version: header is required");
                return;
            }
            if (!KNOWN_VERSIONS.contains(version)) {
                error(exchange, 400, "invalid_request_error", "anthropic-version: invalid version " + version);
                return;
            }
            Fault fault = faults.poll();
            if (fault != null) {
                if (fault.retryAfterSeconds() != null) {
                    exchange.getResponseHeaders().set("retry-after", String.valueOf(fault.retryAfterSeconds()));
                }
                error(exchange, fault.status(), fault.type(), message(fault.type()));
                return;
            }
            String invalid = invalid(body);
            if (invalid != null) {
                error(exchange, 400, "invalid_request_error", invalid);
                return;
            }
            pause();
            ObjectNode reply = reply(body);
            answered.incrementAndGet();
            send(exchange, 200, reply.toString());
        }
    }

    /** What the API refuses with 400, as its messages name it. */
    private static String invalid(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "There was an issue with the request body: it must be a JSON object";
        }
        if (!body.path("model").isTextual() || body.path("model").asText().isBlank()) {
            return "model: Field required";
        }
        if (!body.path("max_tokens").canConvertToInt() || body.path("max_tokens").asInt() < 1) {
            return "max_tokens: Field required";
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return "messages: Field required";
        }
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            if (!role.equals("user") && !role.equals("assistant")) {
                return "messages: Unexpected role \"" + role + "\". Allowed roles are \"user\" or \"assistant\".";
            }
            if (m.path("content").isMissingNode() || m.path("content").isNull()) {
                return "messages.0.content: Field required";
            }
        }
        if (!messages.get(0).path("role").asText().equals("user")) {
            return "messages: first message must use the \"user\" role";
        }
        JsonNode tools = body.path("tools");
        if (!tools.isMissingNode()) {
            if (!tools.isArray()) {
                return "tools: Input should be a valid list";
            }
            for (JsonNode tool : tools) {
                if (!tool.path("name").asText("").matches("^[a-zA-Z0-9_-]{1,64}$")) {
                    return "tools.0.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'";
                }
                if (!tool.path("input_schema").path("type").asText("").equals("object")) {
                    return "tools.0.input_schema: Input schema must have type 'object'";
                }
            }
        }
        JsonNode choice = body.path("tool_choice");
        if (choice.path("type").asText("").equals("tool")) {
            String wanted = choice.path("name").asText("");
            boolean offered = false;
            for (JsonNode tool : tools) {
                offered |= tool.path("name").asText().equals(wanted);
            }
            if (!offered) {
                return "tool_choice: Tool '" + wanted + "' not found in tools";
            }
        }
        return null;
    }

    private ObjectNode reply(JsonNode body) throws IOException {
        String text = lastUserText(body);
        ObjectNode reply = mapper.createObjectNode();
        reply.put("id", "msg_sim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        reply.put("type", "message");
        reply.put("role", "assistant");
        reply.put("model", body.path("model").asText());
        ArrayNode content = reply.putArray("content");
        JsonNode tools = body.path("tools");
        boolean toolWanted = tools.isArray() && !tools.isEmpty() && !body.path("tool_choice").path("type").asText("auto").equals("none");
        int outputTokens;
        if (toolWanted) {
            String name = body.path("tool_choice").path("type").asText("").equals("tool")
                    ? body.path("tool_choice").path("name").asText() : tools.get(0).path("name").asText();
            ObjectNode use = content.addObject();
            use.put("type", "tool_use");
            use.put("id", "toolu_sim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
            use.put("name", name);
            JsonNode input = replyOverride != null ? parseOrText(replyOverride) : analysis(text);
            use.set("input", input);
            reply.put("stop_reason", "tool_use");
            outputTokens = tokens(input.toString());
        } else {
            content.addObject().put("type", "text").put("text", firstSentence(text));
            reply.put("stop_reason", "end_turn");
            outputTokens = tokens(firstSentence(text));
        }
        reply.putNull("stop_sequence");
        ObjectNode usage = reply.putObject("usage");
        usage.put("input_tokens", tokens(body.path("system").toString()) + tokens(body.path("messages").toString()));
        usage.put("output_tokens", outputTokens);
        return reply;
    }

    /** A reply override that is not JSON still arrives as a tool input: a string, as a confused model might send. */
    private JsonNode parseOrText(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            return mapper.getNodeFactory().textNode(json);
        }
    }

    /** The deterministic "analysis": keywords, not understanding. */
    private ObjectNode analysis(String transcript) {
        String lower = transcript.toLowerCase(Locale.ROOT);
        ObjectNode input = mapper.createObjectNode();
        input.put("summary", firstSentence(transcript));
        input.put("intent", lower.contains("claim") ? "claim"
                : lower.contains("quote") ? "new_quote"
                : lower.contains("renew") ? "renewal"
                : lower.contains("certificate") ? "certificate_request"
                : lower.contains("cancel") ? "cancellation"
                : lower.contains("bill") || lower.contains("payment") || lower.contains("pay ") ? "billing_payment"
                : lower.contains("change") || lower.contains("add my") || lower.contains("add a ") || lower.contains("update") ? "policy_change"
                : "other");
        input.put("sentiment", lower.contains("thank") || lower.contains("great") ? "positive"
                : lower.contains("angry") || lower.contains("upset") || lower.contains("frustrat") ? "negative" : "neutral");
        ArrayNode actions = input.putArray("follow_up_actions");
        for (String sentence : transcript.split("(?<=[.!?])\\s+")) {
            String s = sentence.toLowerCase(Locale.ROOT);
            if (s.contains("call back") || s.contains("send ") || s.contains("email ")) {
                ObjectNode action = actions.addObject();
                action.put("text", sentence.strip());
                var due = java.util.regex.Pattern.compile("(\\d{4}-\\d{2}-\\d{2})").matcher(sentence);
                if (due.find()) {
                    action.put("due_date", due.group(1));
                }
            }
        }
        return input;
    }

    private static String lastUserText(JsonNode body) {
        JsonNode messages = body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if (m.path("role").asText().equals("user")) {
                JsonNode content = m.path("content");
                if (content.isTextual()) {
                    return content.asText();
                }
                StringBuilder text = new StringBuilder();
                for (JsonNode block : content) {
                    if (block.path("type").asText().equals("text")) {
                        text.append(block.path("text").asText()).append('\n');
                    }
                }
                return text.toString();
            }
        }
        return "";
    }

    private static String firstSentence(String text) {
        String body = text.contains("<transcript>") ? text.substring(text.indexOf("<transcript>") + 12) : text;
        body = body.replace("</transcript>", "").strip();
        String[] sentences = body.split("(?<=[.!?])\\s+", 2);
        String first = sentences.length == 0 ? "" : sentences[0].strip();
        return first.isEmpty() ? "The call had no spoken content." : first;
    }

    /** Roughly four characters a token, as Anthropic's docs estimate. */
    private static int tokens(String text) {
        return Math.max(1, text.length() / 4);
    }

    private void pause() {
        Duration wait = latency;
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String message(String type) {
        return switch (type) {
            case "rate_limit_error" -> "Number of request tokens has exceeded your per-minute rate limit";
            case "overloaded_error" -> "Overloaded";
            case "api_error" -> "Internal server error";
            case "authentication_error" -> "invalid x-api-key";
            case "permission_error" -> "Your API key does not have permission to use the specified resource.";
            case "request_too_large" -> "Request exceeds the maximum allowed number of bytes.";
            default -> "Invalid request";
        };
    }

    private void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = mapper.createObjectNode();
        body.put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", "req_sim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        send(exchange, status, body.toString());
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("request-id", "req_sim_" + Long.toHexString(System.nanoTime()));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private synchronized void record(Received request) {
        if (received.size() >= MAX_RECORDED) {
            received.removeFirst();
        }
        received.addLast(request);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
