package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;

/** Does the work of a Task state for one resource. */
@FunctionalInterface
public interface TaskHandler {

    /**
     * Runs the task.
     *
     * @return the task's result; for a {@code .waitForTaskToken} resource the value is ignored (the result comes
     * with SendTaskSuccess)
     * @throws dev.mlops.workflows.asl.AslError with the task's error name (for example {@code Lambda.ServiceException})
     * when the task fails; any other exception is reported as {@code States.TaskFailed}
     */
    JsonNode invoke(TaskRequest request);
}
