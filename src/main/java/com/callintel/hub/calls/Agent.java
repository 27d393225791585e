package com.callintel.hub.calls;

/** The agency member on the call as the provider names them (provider user id, name, email, extension). */
public record Agent(String id, String name, String email, String extension) {

    public static final Agent NONE = new Agent(null, null, null, null);
}
