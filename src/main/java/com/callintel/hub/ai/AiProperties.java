package com.callintel.hub.ai;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * AI call intelligence ({@code callintel.ai.*}): where Anthropic's Messages API is and which model answers, how
 * much of a transcript is sent, each organization's daily token budget, the prompt file, and the retry policy.
 * Whether an organization's calls are analysed at all is its own setting (off by default), with its own API key.
 */
@ConfigurationProperties("callintel.ai")
public record AiProperties(String baseUrl, String model, int maxTokens, int inputLimit, long dailyTokenBudget,
                           Path promptFile, int workers, Duration timeout, int maxAttempts, Duration firstRetry,
                           Duration longestRetry, Duration pollInterval) {

    public AiProperties {
        baseUrl = baseUrl == null ? "https://api.anthropic.com" : baseUrl;
        model = model == null ? "claude-sonnet-4-5" : model;
        maxTokens = maxTokens <= 0 ? 1024 : maxTokens;
        inputLimit = inputLimit <= 0 ? 40_000 : inputLimit;
        dailyTokenBudget = dailyTokenBudget <= 0 ? 200_000 : dailyTokenBudget;
        promptFile = promptFile == null ? Path.of("config/ai-analysis-prompt.md") : promptFile;
        workers = workers <= 0 ? 4 : workers;
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        maxAttempts = maxAttempts <= 0 ? 8 : maxAttempts;
        firstRetry = firstRetry == null ? Duration.ofSeconds(15) : firstRetry;
        longestRetry = longestRetry == null ? Duration.ofMinutes(15) : longestRetry;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
    }
}
