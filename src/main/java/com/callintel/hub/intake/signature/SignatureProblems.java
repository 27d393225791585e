package com.callintel.hub.intake.signature;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemException;

/** The rejections a signature check can give; each says what the sender must fix. */
final class SignatureProblems {

    private SignatureProblems() {
    }

    static ProblemException invalid(String detail) {
        return new ProblemException(Problem.of(401, "signature-invalid", "Webhook signature is not valid", detail));
    }

    static ProblemException replayed(String detail) {
        return new ProblemException(Problem.of(401, "signature-replayed", "Webhook signature was already used", detail));
    }

    static ProblemException stale(String detail) {
        return new ProblemException(Problem.of(401, "signature-expired", "Webhook timestamp is outside the replay window", detail));
    }
}
