package dev.mlops.control;

import dev.mlops.control.executions.ExecutionDetail;
import dev.mlops.control.executions.ExecutionStatus;
import dev.mlops.control.executions.Executions;
import dev.mlops.control.executions.ExecutionAlreadyExistsException;
import dev.mlops.control.executions.ExecutionSummary;
import dev.mlops.control.executions.HistoryEvent;
import dev.mlops.control.executions.TaskClosedException;
import dev.mlops.control.executions.UnknownStateMachineException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An engine that records what it was asked and behaves as Step Functions does where it matters: execution names
 * are unique, and a task token resumes its task once (later callbacks fail with {@link TaskClosedException}).
 */
public final class FakeExecutions implements Executions {

    /** One callback attempt: {@code error} null for a success. */
    public record Callback(String token, String output, String error, String cause, boolean accepted) {
    }

    private final Map<String, ExecutionDetail> executions = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Callback> callbacks = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> closedTokens = Collections.synchronizedSet(new HashSet<>());

    @Override
    public String start(String stateMachine, String name, String input) {
        requireKnown(stateMachine);
        String arn = "arn:aws:states:local:000000000000:execution:" + stateMachine + ":" + name;
        if (executions.containsKey(arn)) {
            throw new ExecutionAlreadyExistsException("execution " + name + " exists", null);
        }
        executions.put(arn, new ExecutionDetail(new ExecutionSummary(arn, stateMachine, name, ExecutionStatus.RUNNING,
                Instant.parse("2026-11-27T09:00:00Z"), null), input, null, null, null));
        return arn;
    }

    @Override
    public void sendTaskSuccess(String taskToken, String output) {
        callback(new Callback(taskToken, output, null, null, closedTokens.add(taskToken)));
    }

    @Override
    public void sendTaskFailure(String taskToken, String error, String cause) {
        callback(new Callback(taskToken, null, error, cause, closedTokens.add(taskToken)));
    }

    private void callback(Callback callback) {
        callbacks.add(callback);
        if (!callback.accepted()) {
            throw new TaskClosedException("Task Timed Out: 'Provided task does not exist anymore'", null);
        }
    }

    @Override
    public List<ExecutionSummary> list(String stateMachine, int limit) {
        requireKnown(stateMachine);
        List<ExecutionSummary> found = new ArrayList<>();
        synchronized (executions) {
            executions.values().forEach(e -> {
                if (e.summary().stateMachine().equals(stateMachine)) {
                    found.add(0, e.summary());
                }
            });
        }
        return found.subList(0, Math.min(limit, found.size()));
    }

    @Override
    public Optional<ExecutionDetail> describe(String executionArn) {
        return Optional.ofNullable(executions.get(executionArn));
    }

    @Override
    public List<HistoryEvent> history(String executionArn, int limit) {
        ExecutionDetail detail = executions.get(executionArn);
        return detail == null ? List.of()
                : List.of(new HistoryEvent(1, "ExecutionStarted", detail.summary().startedAt(), null, null));
    }

    private static void requireKnown(String stateMachine) {
        if (!stateMachine.equals("training-pipeline") && !stateMachine.equals("drift-check")) {
            throw new UnknownStateMachineException("no state machine " + stateMachine);
        }
    }

    /** Every callback attempt so far, accepted or refused. */
    public List<Callback> callbacks() {
        synchronized (callbacks) {
            return List.copyOf(callbacks);
        }
    }

    /** Callback attempts for one token. */
    public List<Callback> callbacks(String token) {
        return callbacks().stream().filter(c -> c.token().equals(token)).toList();
    }

    /** The input an execution was started with. */
    public String input(String executionArn) {
        return executions.get(executionArn).input();
    }
}
