package dev.mlops.control.executions;

import java.util.List;
import java.util.Optional;

/**
 * The engine of a control API started on its own, outside Lambda and outside the local runtime: reads find
 * nothing, and starting or resuming answers {@link EngineUnavailableException} instead of pretending to work.
 * The local runtime registers its engine as the {@link Executions} bean, which takes precedence.
 */
public final class DetachedExecutions implements Executions {

    private static final String WHY = "no workflow engine is attached to this control API; run it inside the local runtime"
            + " (./mlops up) or in AWS";

    @Override
    public String start(String stateMachine, String name, String input) {
        throw new EngineUnavailableException(WHY);
    }

    @Override
    public void sendTaskSuccess(String taskToken, String output) {
        throw new EngineUnavailableException(WHY);
    }

    @Override
    public void sendTaskFailure(String taskToken, String error, String cause) {
        throw new EngineUnavailableException(WHY);
    }

    @Override
    public List<ExecutionSummary> list(String stateMachine, int limit) {
        return List.of();
    }

    @Override
    public Optional<ExecutionDetail> describe(String executionArn) {
        return Optional.empty();
    }

    @Override
    public List<HistoryEvent> history(String executionArn, int limit) {
        return List.of();
    }
}
