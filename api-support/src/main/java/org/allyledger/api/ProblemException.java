package org.allyledger.api;

/** A rejection the API reports as a problem: thrown by services and domain code, mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
