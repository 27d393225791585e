package com.callintel.hub.access;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.callintel.hub.http.CappedBody;
import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemWriter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Part of the API security chain (not a servlet filter of its own, so it always runs after sign-in).
 * Per-user API rate limit (token bucket, per node): 429 with Retry-After past it. Runs after sign-in, so the
 * buckets are keyed by known users only; API request bodies are capped here too, by the bytes that arrive (a
 * chunked body declares no length), on the path as routing decodes it.
 */
class ApiRateLimitFilter extends OncePerRequestFilter {

    private static final long MAX_BODY_BYTES = 64 * 1024;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;
    private final ProblemWriter problems;

    ApiRateLimitFilter(AccessProperties properties, ProblemWriter problems) {
        this.perMinute = properties.apiRateLimitPerMinute();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !CappedBody.routedPath(request).startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (hasBody(request)) {
            Optional<byte[]> body = CappedBody.read(request, MAX_BODY_BYTES);
            if (body.isEmpty()) {
                response.setHeader("Connection", "close");
                problems.write(request, response, Problem.of(413, "body-too-large", "Request body too large",
                        "API requests are limited to " + MAX_BODY_BYTES + " bytes."));
                return;
            }
            request = CappedBody.replayable(request, body.get());
        }
        String key = request.getAttribute(HubUserAttributeFilter.ATTRIBUTE) instanceof HubUser user
                ? user.orgId() + "/" + user.userId()
                : request.getAttribute(OperatorAttributeFilter.ATTRIBUTE) instanceof PlatformOperator operator
                ? "operator/" + operator.userId() : null;
        if (key != null) {
            Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                    .build());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
                problems.write(request, response, Problem.of(429, "rate-limited", "Too many requests",
                        "You are over the API rate limit; retry after " + wait + " s.").retryAfter((int) wait));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }
}
