package com.callintel.hub.ai;

/** Where the Messages API is: {@code callintel.ai.base-url}, unless a sandbox puts its simulator there (primary). */
@FunctionalInterface
public interface AnthropicEndpoint {
    String baseUrl();
}
