package dev.mlops.control.executions;

/** Where an execution stands; the names of Step Functions' {@code ExecutionStatus}. */
public enum ExecutionStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE;

    /** The status Step Functions (or an engine using the same words) reports, {@code FAILED} for anything unknown. */
    public static ExecutionStatus of(String name) {
        for (ExecutionStatus status : values()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        return FAILED;
    }
}
