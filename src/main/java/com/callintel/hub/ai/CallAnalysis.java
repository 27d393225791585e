package com.callintel.hub.ai;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the analysis of one call says: a summary of at most three sentences, the caller's intent and sentiment
 * from fixed vocabularies, and the follow-up actions (a due date where one was said). Built only from a reply
 * that keeps the tool's schema: anything else is an {@link InvalidReplyException}.
 */
public record CallAnalysis(String summary, String intent, String sentiment, List<FollowUp> actions) {

    /** The insurance vocabulary of intents, as the tool's schema offers it. */
    public static final List<String> INTENTS = List.of("new_quote", "policy_change", "claim", "billing_payment",
            "renewal", "certificate_request", "cancellation", "other");
    public static final List<String> SENTIMENTS = List.of("positive", "neutral", "negative");

    static final int MAX_SUMMARY_SENTENCES = 3;
    static final int MAX_SUMMARY_CHARS = 1_000;
    static final int MAX_ACTIONS = 10;
    static final int MAX_ACTION_CHARS = 300;

    private static final Set<String> FIELDS = Set.of("summary", "intent", "sentiment", "follow_up_actions");

    /** One thing someone agreed to do, with the date it is due if the call named one. */
    public record FollowUp(String text, LocalDate due) {
    }

    /** Reads and checks the tool input of a reply. */
    static CallAnalysis fromToolInput(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new InvalidReplyException("the tool input is not a JSON object");
        }
        input.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new InvalidReplyException("the tool input has an unknown field '" + name + "'");
            }
        });
        String summary = text(input, "summary", MAX_SUMMARY_CHARS);
        if (sentences(summary) > MAX_SUMMARY_SENTENCES) {
            throw new InvalidReplyException("the summary has more than " + MAX_SUMMARY_SENTENCES + " sentences");
        }
        String intent = oneOf(input, "intent", INTENTS);
        String sentiment = oneOf(input, "sentiment", SENTIMENTS);
        JsonNode list = input.path("follow_up_actions");
        if (!list.isArray()) {
            throw new InvalidReplyException("'follow_up_actions' is not a list");
        }
        if (list.size() > MAX_ACTIONS) {
            throw new InvalidReplyException("more than " + MAX_ACTIONS + " follow-up actions");
        }
        List<FollowUp> actions = new ArrayList<>();
        for (JsonNode action : list) {
            if (!action.isObject()) {
                throw new InvalidReplyException("a follow-up action is not an object");
            }
            LocalDate due = null;
            JsonNode dueNode = action.path("due_date");
            if (!dueNode.isMissingNode() && !dueNode.isNull()) {
                try {
                    due = LocalDate.parse(dueNode.asText());
                } catch (DateTimeParseException e) {
                    throw new InvalidReplyException("a follow-up's due_date is not a date (YYYY-MM-DD)");
                }
            }
            actions.add(new FollowUp(text(action, "text", MAX_ACTION_CHARS), due));
        }
        return new CallAnalysis(summary, intent, sentiment, List.copyOf(actions));
    }

    private static String text(JsonNode node, String field, int max) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidReplyException("'" + field + "' is missing or not text");
        }
        if (value.asText().length() > max) {
            throw new InvalidReplyException("'" + field + "' is longer than " + max + " characters");
        }
        return value.asText().strip();
    }

    private static String oneOf(JsonNode node, String field, List<String> allowed) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || !allowed.contains(value.asText())) {
            throw new InvalidReplyException("'" + field + "' is not one of " + allowed);
        }
        return value.asText();
    }

    private static int sentences(String text) {
        return text.split("(?<=[.!?])\\s+(?=\\S)").length;
    }

    /** A reply that does not keep the tool's schema. */
    public static final class InvalidReplyException extends RuntimeException {
        InvalidReplyException(String message) {
            super(message);
        }
    }
}
