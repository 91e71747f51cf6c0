package dev.mlops.workflows.asl.eval;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** An execution started with {@link Engine#start}, running on its own thread. */
public final class Execution {

    private final String executionArn;
    private final CompletableFuture<ExecutionResult> result;

    Execution(String executionArn, CompletableFuture<ExecutionResult> result) {
        this.executionArn = executionArn;
        this.result = result;
    }

    /** The execution's ARN. */
    public String executionArn() {
        return executionArn;
    }

    /** Whether it has ended. */
    public boolean isDone() {
        return result.isDone();
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
}
