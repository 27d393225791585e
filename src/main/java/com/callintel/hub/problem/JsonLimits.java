package com.callintel.hub.problem;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The limits every JSON body the hub parses is held to ({@code callintel.json}): past them a body is bad input
 * (see {@link JsonProblems}), refused before it can cost stack, memory or CPU.
 */
@ConfigurationProperties("callintel.json")
public record JsonLimits(int maxNestingDepth, int maxNumberLength, int maxStringLength, int maxNameLength) {
}
