package com.callintel.hub.ams;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.callintel.hub.ams.Ams360Envelopes.Operation;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * Posts one SOAP 1.1 envelope to the AMS360 WSAPI endpoint and hands back the answer, SOAP faults included: WCF
 * sends a fault as HTTP 500, so the body is read before the status is judged. Anything else that is not a SOAP
 * answer surfaces the way {@link AmsFailures} understands: HTTP errors as camel-http's
 * {@link HttpOperationFailedException} (429 keeps its Retry-After; wrapped, as it is checked), an unreachable AMS as
 * {@link AmsUnavailableException}. Only Content-Type and SOAPAction go with the envelope.
 */
@Component
class Ams360Soap {

    private final HttpClient http;
    private final Duration timeout;

    Ams360Soap(AmsSyncProperties properties) {
        this.timeout = properties.callTimeout();
        // WCF's BasicHttpBinding speaks HTTP/1.1; no h2c upgrade headers on plain-http test endpoints
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    Ams360Answer post(String endpoint, Operation operation, String envelope) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(timeout)
                    .header("Content-Type", "text/xml; charset=utf-8")
                    .header("SOAPAction", operation.soapAction())
                    .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new AmsRefusedException("the AMS connection's base URL is not a usable URL");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AmsUnavailableException("AMS360 unreachable during " + operation.wsapiName + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmsUnavailableException("interrupted while calling AMS360 " + operation.wsapiName);
        }
        int status = response.statusCode();
        Optional<Ams360Answer> answer = Ams360Answer.parse(response.body());
        if (answer.isPresent() && (status == 200 || answer.get().fault().isPresent())) {
            return answer.get();
        }
        if (status >= 300) {
            // unchecked for the bean's callers; AmsFailures looks through the wrapper for the status and Retry-After
            throw new RuntimeCamelException(new HttpOperationFailedException(endpoint, status, "AMS360 "
                    + operation.wsapiName + " answered HTTP " + status, null, firstValues(response), response.body()));
        }
        throw new AmsUnavailableException("AMS360 answered " + operation.wsapiName + " with HTTP " + status
                + " but no SOAP envelope");
    }

    private static Map<String, String> firstValues(HttpResponse<?> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        return headers;
    }
}
