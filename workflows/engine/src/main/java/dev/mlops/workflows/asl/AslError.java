package dev.mlops.workflows.asl;

/**
 * Root of every error the engine raises. It carries the error name exactly as Step Functions reports it (for
 * example {@code States.Runtime}, or a task's own error name) and a cause; Retry and Catch match on {@link #error()}.
 */
public class AslError extends RuntimeException {

    private final String error;
    private final String cause;

    /**
     * @param error the error name, as AWS reports it; null only for a Fail state without Error
     * @param cause the human-readable cause; null when there is none (a Fail state without Cause)
     */
    public AslError(String error, String cause) {
        super(error + ": " + cause);
        this.error = error;
        this.cause = cause;
    }

    /** The error name, for example {@code States.TaskFailed}; null for a Fail state without Error. */
    public String error() {
        return error;
    }

    /** The cause text; null when there is none. */
    public String cause() {
        return cause;
    }
}
