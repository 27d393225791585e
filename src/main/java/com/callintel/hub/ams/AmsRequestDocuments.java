package com.callintel.hub.ams;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Converter;
import org.apache.camel.TypeConverters;
import org.springframework.stereotype.Component;

/**
 * Lets jq (and any {@code getBody(JsonNode.class)}) read an {@link AmsRequest} body as its request document. Public,
 * as Camel calls converter methods reflectively.
 */
@Component
public class AmsRequestDocuments implements TypeConverters {

    @Converter
    public static JsonNode document(AmsRequest request) {
        return request.document();
    }
}
