package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * What a {@link TaskHandler} gets.
 *
 * @param resource   the resolved Resource
 * @param input      the task's input: the state's effective parameters
 * @param taskToken  the task token for {@code .waitForTaskToken} resources, otherwise null
 * @param stateName  the Task state's name
 * @param executionArn the execution's ARN
 * @param clock      the execution's clock
 */
public record TaskRequest(Resource resource, JsonNode input, String taskToken, String stateName, String executionArn,
                          ExecutionClock clock) {

    /**
     * Lets {@code duration} pass on the execution's clock, as work that takes that long would (instant on a virtual
     * clock); TimeoutSeconds is checked against it.
     */
    public void work(Duration duration) {
        clock.sleepUntil(clock.now().plus(duration));
    }
}
