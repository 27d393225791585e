package com.callintel.hub.problem;

/** Thrown where a request cannot be served; the one problem mapping turns it into its HTTP answer. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    /** The API's 404: nothing of that kind in the caller's reach (another organization's id included). */
    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", detail));
    }

    public Problem problem() {
        return problem;
    }
}
