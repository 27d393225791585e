package com.callintel.hub.ams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.callintel.hub.ams.Ams360Envelopes.Operation;
import com.callintel.hub.egress.EgressPolicy;
import com.callintel.hub.egress.EgressRefusedException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.stereotype.Component;

/**
 * Posts one SOAP 1.1 envelope to the AMS360 WSAPI endpoint and hands back the answer, SOAP faults included: WCF
 * sends a fault as HTTP 500, so the body is read before the status is judged. Anything else that is not a SOAP
 * answer surfaces the way {@link AmsFailures} understands: HTTP errors as camel-http's
 * {@link HttpOperationFailedException} (429 keeps its Retry-After; wrapped, as it is checked), an unreachable AMS as
 * {@link AmsUnavailableException}. Only Content-Type and SOAPAction go with the envelope, through the egress
 * policy's client (checked addresses, time limits, no redirects).
 */
@Component
class Ams360Soap {

    private static final ContentType SOAP_XML = ContentType.create("text/xml", StandardCharsets.UTF_8);

    private final CloseableHttpClient http;
    private final EgressPolicy egress;

    Ams360Soap(CloseableHttpClient egressHttpClient, EgressPolicy egress) {
        this.http = egressHttpClient;
        this.egress = egress;
    }

    Ams360Answer post(String endpoint, Operation operation, String envelope) {
        HttpPost request;
        try {
            request = new HttpPost(egress.check(endpoint, "ams360"));
        } catch (EgressRefusedException e) {
            throw new AmsRefusedException("the AMS connection's base URL " + e.getMessage());
        }
        // WCF matches the content type as written in its binding: lower-case charset, as AMS360's own clients send it
        request.setHeader("Content-Type", "text/xml; charset=utf-8");
        request.setHeader("SOAPAction", operation.soapAction());
        request.setEntity(new StringEntity(envelope, SOAP_XML));
        Reply reply;
        try {
            reply = http.execute(request, response -> new Reply(response.getCode(),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8),
                    firstValues(response.getHeaders())));
        } catch (IOException e) {
            throw new AmsUnavailableException("AMS360 unreachable during " + operation.wsapiName + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        int status = reply.status();
        Optional<Ams360Answer> answer = Ams360Answer.parse(reply.body());
        if (answer.isPresent() && (status == 200 || answer.get().fault().isPresent())) {
            return answer.get();
        }
        if (status >= 300) {
            // unchecked for the bean's callers; AmsFailures looks through the wrapper for the status and Retry-After
            throw new RuntimeCamelException(new HttpOperationFailedException(endpoint, status, "AMS360 "
                    + operation.wsapiName + " answered HTTP " + status, null, reply.headers(), reply.body()));
        }
        throw new AmsUnavailableException("AMS360 answered " + operation.wsapiName + " with HTTP " + status
                + " but no SOAP envelope");
    }

    private record Reply(int status, String body, Map<String, String> headers) {
    }

    private static Map<String, String> firstValues(Header[] headers) {
        Map<String, String> first = new LinkedHashMap<>();
        for (Header header : headers) {
            first.putIfAbsent(header.getName(), header.getValue());
        }
        return first;
    }
}
