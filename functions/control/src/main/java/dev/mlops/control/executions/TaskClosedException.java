package dev.mlops.control.executions;

/**
 * The task token parks no task any more: the task was already resumed, timed out, or its execution ended
 * (Step Functions' {@code TaskTimedOut}, {@code TaskDoesNotExist}, {@code InvalidToken}). A repeated approval
 * expects this and ignores it.
 */
public class TaskClosedException extends ExecutionsException {

    public TaskClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
