package com.callintel.hub.sandbox.ams;

/**
 * The WSAPI user an agency creates in AMS360 (Administration → Web Services API). {@code employeeCode} is null
 * unless the user's data security is based on an employee, in which case Login must name it.
 */
public record Ams360Credentials(String agencyNo, String loginId, String password, String employeeCode) {

    /** The WSAPI user of shared/fixtures/ams/ams360/login-request.xml. */
    public static Ams360Credentials sandboxDefault() {
        return new Ams360Credentials("9990001-1", "callintel-test", "Fake-Passw0rd", null);
    }
}
