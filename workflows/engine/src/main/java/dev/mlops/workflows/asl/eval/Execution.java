package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** An execution the engine started or resumed; running on its own thread, or already finished. */
public final class Execution {

    private final String executionArn;
    private final String stateMachineArn;
    private final JsonNode input;
    private final Instant startDate;
    private final CompletableFuture<ExecutionResult> result;

    Execution(String executionArn, String stateMachineArn, JsonNode input, Instant startDate,
              CompletableFuture<ExecutionResult> result) {
        this.executionArn = executionArn;
        this.stateMachineArn = stateMachineArn;
        this.input = input;
        this.startDate = startDate;
        this.result = result;
    }

    /** The execution's ARN. */
    public String executionArn() {
        return executionArn;
    }

    /** The ARN of its state machine. */
    public String stateMachineArn() {
        return stateMachineArn;
    }

    /** The execution's input. */
    public JsonNode input() {
        return input;
    }

    /** When it started, on the engine's clock. */
    public Instant startDate() {
        return startDate;
    }

    /** Whether it has ended. */
    public boolean isDone() {
        return result.isDone();
    }

    /** The result if it has ended. */
    public Optional<ExecutionResult> result() {
        return result.isDone() && !result.isCompletedExceptionally() ? Optional.of(result.join()) : Optional.empty();
    }

    /** Waits for the end and returns the result. */
    public ExecutionResult await() {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + executionArn, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the engine failed running " + executionArn, e.getCause());
        }
    }

    CompletableFuture<ExecutionResult> future() {
        return result;
    }
}
