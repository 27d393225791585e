package com.callintel.hub.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** Writes an API route's answer: status, JSON body (or none), and no header of the hub's own left behind. */
@Component
public class JsonReplies {

    private final ObjectMapper mapper;

    JsonReplies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void reply(Exchange exchange, int status, Object body) throws JsonProcessingException {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (body == null) {
            message.setBody(null);
            return;
        }
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(mapper.writeValueAsString(body));
    }
}
