package dev.mlops.workflows.asl.eval;

import dev.mlops.workflows.asl.AslError;

/**
 * A SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat that names no waiting task. Error names as the Step
 * Functions API answers: {@code InvalidToken} for a token that is not one, {@code TaskDoesNotExist} for one that
 * is unknown or already used, {@code TaskTimedOut} for one whose task timed out.
 */
public final class TaskTokenException extends AslError {

    /**
     * @param error {@code InvalidToken}, {@code TaskDoesNotExist} or {@code TaskTimedOut}
     * @param cause what was wrong with the token
     */
    public TaskTokenException(String error, String cause) {
        super(error, cause);
    }
}
