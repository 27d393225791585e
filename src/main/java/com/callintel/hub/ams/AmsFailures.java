package com.callintel.hub.ams;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.callintel.hub.egress.EgressRefusedException;
import com.callintel.hub.egress.RefusedAddressException;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * Decides what a failed AMS call means: retry later (with exponential backoff and jitter, or the AMS's own
 * Retry-After), fetch a new token and retry, or give up because retrying cannot fix it. The reason it gives is
 * from the fixed vocabulary of {@link AmsFailureReason}; the failure itself is the operator's {@code detail}.
 */
@Component
public class AmsFailures {

    /** What to do after a failure: {@code reason} is for tenants, {@code detail} for the operator log only. */
    public record Decision(boolean retry, boolean reauthenticate, Duration delay, String reason, String detail) {
    }

    /** The hub's own message around an AMS360 WSAPIBusinessFault (Ams360Answer): "AMS360 refused Op: reason". */
    private static final Pattern AMS360_BUSINESS = Pattern.compile("^AMS360 refused ([A-Za-z]{1,40}): (.*)$", Pattern.DOTALL);
    private static final Pattern HTTP_STATUS = Pattern.compile("HTTP ([1-5][0-9]{2})\\b");

    private final AmsSyncProperties properties;

    AmsFailures(AmsSyncProperties properties) {
        this.properties = properties;
    }

    public Decision classify(Throwable failure, int attempts) {
        Throwable cause = rootOf(failure);
        String detail = detail(failure);
        if (cause instanceof AmsRefusedException refused) {
            return new Decision(false, false, Duration.ZERO, refused(refused.getMessage()), detail);
        }
        if (cause instanceof CallNotPermittedException) {
            return new Decision(true, false, properties.breakerOpenFor(), AmsFailureReason.CIRCUIT_OPEN.text(), detail);
        }
        if (cause instanceof BulkheadFullException) {
            return new Decision(true, false, backoff(attempts), AmsFailureReason.BUSY.text(), detail);
        }
        if (cause instanceof HttpOperationFailedException http) {
            return http(http, attempts, detail);
        }
        if (isEgressRefusal(cause)) {
            return new Decision(false, false, Duration.ZERO, AmsFailureReason.EGRESS_REFUSED.text(), detail);
        }
        if (cause instanceof AmsUnavailableException unavailable) {
            return new Decision(true, false, backoff(attempts), unavailable(unavailable.getMessage()), detail);
        }
        if (timedOut(cause)) {
            return new Decision(true, false, backoff(attempts), AmsFailureReason.TIMED_OUT.text(), detail);
        }
        if (cause instanceof JsonProcessingException || isAnswerParsing(cause)) {
            return new Decision(true, false, backoff(attempts), AmsFailureReason.UNEXPECTED_ANSWER.text(), detail);
        }
        if (cause instanceof IOException) {
            return new Decision(true, false, backoff(attempts), AmsFailureReason.UNREACHABLE.text(), detail);
        }
        return new Decision(true, false, backoff(attempts), AmsFailureReason.HUB_ERROR.text(), detail);
    }

    /**
     * A failed write that certainly left nothing in the AMS: refused before it went out (connection refused, the
     * egress policy, an open breaker, the hub's own refusal) or answered without being processed (a 4xx but 408,
     * 429, 503). A timeout, a dropped connection or a 500/502/504 may come after the AMS wrote: those keep the
     * write mark, and the retry reads the AMS back. (One request per write: AMS360's two-call create has no
     * read-back anyway.)
     */
    public boolean nothingWritten(Throwable failure) {
        Throwable cause = failure == null ? null : rootOf(failure);
        if (cause instanceof HttpOperationFailedException http) {
            int status = http.getStatusCode();
            return status == 429 || status == 503 || (status >= 400 && status < 500 && status != 408);
        }
        return cause instanceof AmsRefusedException || cause instanceof CallNotPermittedException
                || cause instanceof BulkheadFullException || cause instanceof ConnectException || isEgressRefusal(cause);
    }

    /** The tenant's phrase for a failure outside a sync (a screen pop's lookup). */
    public String reasonOf(Throwable failure) {
        return classify(failure, 1).reason();
    }

    private Decision http(HttpOperationFailedException http, int attempts, String detail) {
        int status = http.getStatusCode();
        if (status == 401 || status == 403) {
            // 401: the token may have expired or been revoked; a new one is fetched and the call retried
            return new Decision(status == 401, status == 401, Duration.ZERO, AmsFailureReason.CREDENTIALS_REFUSED.withStatus(status), detail);
        }
        if (status == 429) {
            return new Decision(true, false, retryAfter(http.getResponseHeaders()).orElse(backoff(attempts)),
                    AmsFailureReason.RATE_LIMITED.withStatus(status), detail);
        }
        if (status == 408) {
            return new Decision(true, false, backoff(attempts), AmsFailureReason.TIMED_OUT.text(), detail);
        }
        if (status >= 500) {
            return new Decision(true, false, backoff(attempts), AmsFailureReason.AMS_ERROR.withStatus(status), detail);
        }
        if (status >= 400) {
            return new Decision(false, false, Duration.ZERO, AmsFailureReason.REJECTED.withStatus(status), detail);
        }
        // a redirect (not followed: it could lead anywhere) or any other answer the connector did not expect
        return new Decision(false, false, Duration.ZERO, AmsFailureReason.UNEXPECTED_ANSWER.withStatus(status), detail);
    }

    /**
     * A refusal thrown by the hub's own code: a phrase of the vocabulary by what it is about. The one vendor text
     * kept is an AMS360 WSAPIBusinessFault reason ("Customer is inactive"), sanitized and short: it is parsed
     * from a SOAP fault in AMS360's own WSAPI namespace, which no internal service answers, it is about the
     * tenant's own records, and it is what the admin needs to fix them. Every HTTP body (Epic's problem title
     * too: any web service answers problem+json) stays out.
     */
    private String refused(String message) {
        String text = message == null ? "" : message;
        Matcher business = AMS360_BUSINESS.matcher(text);
        if (business.matches()) {
            String reason = sanitized(business.group(2));
            return AmsFailureReason.REJECTED.text() + " (" + business.group(1) + ")" + (reason.isEmpty() ? "" : ": " + reason);
        }
        if (text.startsWith("the AMS refused the hub's")) {
            return AmsFailureReason.CREDENTIALS_REFUSED.text();
        }
        if (text.startsWith("AMS360 rejected")) {
            return AmsFailureReason.REJECTED.text();
        }
        if (text.contains("no AMS connection")) {
            return AmsFailureReason.NO_CONNECTION.text();
        }
        if (text.contains("no longer exists")) {
            return AmsFailureReason.SOURCE_GONE.text();
        }
        // every other refusal of the hub's code is about the connection's settings (credentials missing, region,
        // authScheme, base URL, connector): the admin's fix is in the connection, whatever the wording
        return AmsFailureReason.SETTINGS.text();
    }

    /** A passing fault the hub's code named: its kind, and the AMS's status where the message states one. */
    private static String unavailable(String message) {
        String text = message == null ? "" : message;
        if (text.contains("timed out") || text.contains("Timeout")) {
            return AmsFailureReason.TIMED_OUT.text();
        }
        if (text.contains("unreachable") || text.contains("interrupted")) {
            return AmsFailureReason.UNREACHABLE.text();
        }
        Matcher status = HTTP_STATUS.matcher(text);
        if (status.find()) {
            int code = Integer.parseInt(status.group(1));
            return code >= 500 ? AmsFailureReason.AMS_ERROR.withStatus(code) : AmsFailureReason.UNEXPECTED_ANSWER.withStatus(code);
        }
        if (text.startsWith("AMS360 failed")) {
            return AmsFailureReason.AMS_ERROR.text();
        }
        return AmsFailureReason.UNEXPECTED_ANSWER.text();
    }

    /** Printable characters only, whitespace folded, at most {@code callintel.ams.vendor-reason-length}. */
    String sanitized(String vendorText) {
        String printable = vendorText.replaceAll("[\\p{Cntrl}\\p{Cf}\\p{Co}\\p{Cn}\\p{Cs}]+", " ")
                .replaceAll("\\s+", " ").trim();
        int max = properties.vendorReasonLength();
        return printable.length() > max ? printable.substring(0, max) + "…" : printable;
    }

    private static boolean timedOut(Throwable cause) {
        return cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
                || cause instanceof TimeoutException
                || cause.getClass().getSimpleName().contains("Timeout");
    }

    private static boolean isAnswerParsing(Throwable cause) {
        String name = cause.getClass().getName();
        // jq (camel-jq / jackson-jq) failing on an answer that is not the JSON the connector expects
        return name.contains("jq") || name.endsWith("InvalidPayloadException") || name.endsWith("NoTypeConversionAvailableException");
    }

    /**
     * The egress policy's refusal: a URL it will not call, or a name that resolved to an internal address when the
     * connection was opened. Retrying cannot help; the admin must change the connection.
     */
    private static boolean isEgressRefusal(Throwable cause) {
        return cause instanceof EgressRefusedException || cause instanceof RefusedAddressException;
    }

    /** Exponential backoff from the first retry delay, capped, with jitter so that retries spread out. */
    Duration backoff(int attempts) {
        long base = properties.firstRetry().toMillis() << Math.min(20, Math.max(0, attempts - 1));
        long capped = Math.min(base, properties.maxRetry().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(jittered);
    }

    private static Optional<Duration> retryAfter(Map<String, String> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Retry-After"))
                .map(e -> e.getValue().trim())
                .filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)))
                .findFirst();
    }

    private static Throwable rootOf(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current
                && !(current instanceof HttpOperationFailedException) && !(current instanceof AmsRefusedException)
                && !(current instanceof AmsUnavailableException) && !isEgressRefusal(current)) {
            current = current.getCause();
        }
        return current;
    }

    /** For the operator log: the chain of exceptions, and the start of an HTTP answer's body. */
    private static String detail(Throwable failure) {
        StringBuilder detail = new StringBuilder();
        for (Throwable t = failure; t != null && detail.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
            if (!detail.isEmpty()) {
                detail.append(" <- ");
            }
            detail.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t instanceof HttpOperationFailedException http && http.getResponseBody() != null) {
                String body = http.getResponseBody();
                detail.append(" body: ").append(body, 0, Math.min(300, body.length()));
            }
        }
        return detail.toString().replaceAll("[\\r\\n]+", " ");
    }
}
