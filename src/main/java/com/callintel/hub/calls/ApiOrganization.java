package com.callintel.hub.calls;

import java.util.UUID;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;
import com.callintel.hub.sandbox.SandboxProperties;
import org.springframework.stereotype.Component;

/**
 * Which organization an API request reads. Until sign-in exists (access issue), only the sandbox's demo
 * organization can be read, and only when the sandbox is on; otherwise every API read is refused with 401.
 */
@Component
class ApiOrganization {

    private final SandboxProperties sandbox;

    ApiOrganization(SandboxProperties sandbox) {
        this.sandbox = sandbox;
    }

    UUID current() {
        if (!sandbox.enabled()) {
            throw new ProblemException(Problem.of(401, "unauthenticated", "Sign-in required",
                    "The API needs an authenticated user of an organization."));
        }
        return sandbox.orgId();
    }
}
