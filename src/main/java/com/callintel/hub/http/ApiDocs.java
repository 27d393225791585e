package com.callintel.hub.http;

import org.apache.camel.model.rest.ParamDefinition;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestParamType;

/** The parameters API operations share, typed for the OpenAPI document: {@code .param(ApiDocs.numericId())}. */
public final class ApiDocs {

    private ApiDocs() {
    }

    /** The {@code {id}} of a resource numbered by the hub (calls, tickets, syncs, pops, events). */
    public static ParamDefinition numericId() {
        return new ParamDefinition().name("id").type(RestParamType.path).required(true).dataType("integer")
                .dataFormat("int64");
    }

    /** The {@code {id}} of a resource named by a UUID (provider accounts). */
    public static ParamDefinition uuidId() {
        return new ParamDefinition().name("id").type(RestParamType.path).required(true).dataType("string")
                .dataFormat("uuid");
    }

    /**
     * A success answer other than 200 and its record: {@code .responseMessage(ApiDocs.answer(201, "...", X.class))}.
     * By binary name, as {@code .outType(...)} names its class, so nested records resolve too.
     */
    public static ResponseMessageDefinition answer(int code, String message, Class<?> model) {
        ResponseMessageDefinition answer = new ResponseMessageDefinition().code(code).message(message);
        answer.setResponseModel(model.getName());
        return answer;
    }

    /** The 204 of an operation that answers with no body: {@code .responseMessage(ApiDocs.noContent("Deleted"))}. */
    public static ResponseMessageDefinition noContent(String message) {
        return new ResponseMessageDefinition().code(204).message(message);
    }

    /** An optional query parameter. */
    public static ParamDefinition query(String name, String dataType, String description) {
        return new ParamDefinition().name(name).type(RestParamType.query).required(false).dataType(dataType)
                .description(description);
    }
}
