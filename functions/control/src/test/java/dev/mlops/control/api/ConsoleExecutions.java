package dev.mlops.control.api;

import dev.mlops.Json;
import dev.mlops.control.executions.ExecutionDetail;
import dev.mlops.control.executions.ExecutionStatus;
import dev.mlops.control.executions.ExecutionSummary;
import dev.mlops.control.executions.Executions;
import dev.mlops.control.executions.HistoryEvent;
import dev.mlops.control.executions.TaskClosedException;
import dev.mlops.control.executions.UnknownStateMachineException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A canned engine for the console: executions with Step Functions-like histories (state entered and exited with
 * their input and output, failures with cause). It records callbacks, and a task token resumes its execution once:
 * the approval state exits and DeployCanary starts, so a page that re-reads the execution sees it go on.
 */
final class ConsoleExecutions implements Executions {

    /** One callback: {@code error} null for a success. */
    record Callback(String token, String output, String error, String cause) {
    }

    private record Run(ExecutionDetail detail, List<HistoryEvent> history) {
    }

    private final Map<String, Run> runs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> parked = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Callback> callbacks = Collections.synchronizedList(new ArrayList<>());

    /** A training-pipeline run parked in RequestApproval under {@code token}. */
    void waitingForApproval(String arn, String name, String token, String model, String version) {
        Instant t = Instant.now().minus(Duration.ofMinutes(20));
        String input = Json.compact(Map.of("model", model, "dataset", "datasets/" + model + "/train.csv", "initiator", "ds-alice"));
        List<HistoryEvent> h = new ArrayList<>();
        add(h, "ExecutionStarted", t, null, Json.compact(Map.of("input", input)));
        state(h, "Train", "Task", t.plusSeconds(1), t.plusSeconds(95), input,
                Json.compact(Map.of("model", model, "version", version, "packagePrefix", "models/" + model + "/" + version + "/")));
        state(h, "Register", "Task", t.plusSeconds(96), t.plusSeconds(97), Json.compact(Map.of("model", model, "version", version)),
                Json.compact(Map.of("status", "REGISTERED")));
        state(h, "Evaluate", "Task", t.plusSeconds(98), t.plusSeconds(104), Json.compact(Map.of("model", model, "version", version)),
                Json.compact(Map.of("verdict", "PASS", "evidenceKey", "evidence/" + model + "/" + version + "/evaluation.json", "reasons", List.of())));
        state(h, "Gate", "Choice", t.plusSeconds(105), t.plusSeconds(105), Json.compact(Map.of("verdict", "PASS")),
                Json.compact(Map.of("verdict", "PASS")));
        add(h, "TaskStateEntered", t.plusSeconds(106), "RequestApproval", Json.compact(Map.of("input",
                Json.compact(Map.of("model", model, "version", version, "initiator", "ds-alice")))));
        add(h, "TaskScheduled", t.plusSeconds(106), null, null);
        add(h, "TaskSubmitted", t.plusSeconds(107), null, null);
        runs.put(arn, new Run(new ExecutionDetail(new ExecutionSummary(arn, "training-pipeline", name, ExecutionStatus.RUNNING, t, null),
                input, null, null, null), h));
        parked.put(token, arn);
    }

    /** A training-pipeline run whose training job failed. */
    void failedTraining(String arn, String name) {
        Instant t = Instant.now().minus(Duration.ofHours(3));
        String input = Json.compact(Map.of("model", "credit-risk", "dataset", "datasets/credit-risk/missing.csv", "initiator", "ds-alice"));
        String cause = "dataset datasets/credit-risk/missing.csv has no column 'income' (the model.json feature list needs it)";
        List<HistoryEvent> h = new ArrayList<>();
        add(h, "ExecutionStarted", t, null, Json.compact(Map.of("input", input)));
        add(h, "TaskStateEntered", t.plusSeconds(1), "Train", Json.compact(Map.of("input", input)));
        add(h, "TaskFailed", t.plusSeconds(41), "Train", Json.compact(Map.of("error", "TrainingJobFailed", "cause", cause)));
        add(h, "ExecutionFailed", t.plusSeconds(42), null, Json.compact(Map.of("error", "TrainingJobFailed", "cause", cause)));
        runs.put(arn, new Run(new ExecutionDetail(new ExecutionSummary(arn, "training-pipeline", name, ExecutionStatus.FAILED, t,
                t.plusSeconds(42)), input, null, "TrainingJobFailed", cause), h));
    }

    /** A drift-check run that found no drift. */
    void driftCheck(String arn, String name) {
        Instant t = Instant.now().minus(Duration.ofHours(1));
        String input = Json.compact(Map.of("model", "credit-risk"));
        String output = Json.compact(Map.of("verdict", "OK", "reportKey", "reports/drift/credit-risk/..."));
        List<HistoryEvent> h = new ArrayList<>();
        add(h, "ExecutionStarted", t, null, null);
        state(h, "DriftCheck", "Task", t.plusSeconds(1), t.plusSeconds(4), input, output);
        add(h, "ExecutionSucceeded", t.plusSeconds(5), null, Json.compact(Map.of("output", output)));
        runs.put(arn, new Run(new ExecutionDetail(new ExecutionSummary(arn, "drift-check", name, ExecutionStatus.SUCCEEDED, t,
                t.plusSeconds(5)), input, output, null, null), h));
    }

    private static void state(List<HistoryEvent> h, String state, String type, Instant in, Instant out, String input, String output) {
        add(h, type + "StateEntered", in, state, Json.compact(Map.of("input", input)));
        add(h, type + "StateExited", out, state, Json.compact(Map.of("output", output)));
    }

    private static void add(List<HistoryEvent> h, String type, Instant at, String state, String detail) {
        h.add(new HistoryEvent(h.size() + 1, type, at, state, detail));
    }

    @Override
    public String start(String stateMachine, String name, String input) {
        throw new UnsupportedOperationException("the console tests start no executions");
    }

    @Override
    public void sendTaskSuccess(String taskToken, String output) {
        callbacks.add(new Callback(taskToken, output, null, null));
        String arn = parked.remove(taskToken);
        if (arn == null) {
            throw new TaskClosedException("Task Timed Out: 'Provided task does not exist anymore'", null);
        }
        List<HistoryEvent> h = runs.get(arn).history();
        synchronized (h) {
            Instant now = Instant.now();
            add(h, "TaskSucceeded", now, null, Json.compact(Map.of("output", output)));
            add(h, "TaskStateExited", now, "RequestApproval", Json.compact(Map.of("output", output)));
            add(h, "TaskStateEntered", now.plusMillis(5), "DeployCanary", Json.compact(Map.of("input", output)));
        }
    }

    @Override
    public void sendTaskFailure(String taskToken, String error, String cause) {
        callbacks.add(new Callback(taskToken, null, error, cause));
        if (parked.remove(taskToken) == null) {
            throw new TaskClosedException("Task Timed Out: 'Provided task does not exist anymore'", null);
        }
    }

    @Override
    public List<ExecutionSummary> list(String stateMachine, int limit) {
        if (!stateMachine.equals("training-pipeline") && !stateMachine.equals("drift-check")) {
            throw new UnknownStateMachineException("no state machine " + stateMachine);
        }
        List<ExecutionSummary> found;
        synchronized (runs) {
            found = runs.values().stream().map(r -> r.detail().summary()).filter(s -> s.stateMachine().equals(stateMachine))
                    .sorted((a, b) -> b.startedAt().compareTo(a.startedAt())).toList();
        }
        return found.subList(0, Math.min(limit, found.size()));
    }

    @Override
    public Optional<ExecutionDetail> describe(String executionArn) {
        return Optional.ofNullable(runs.get(executionArn)).map(Run::detail);
    }

    @Override
    public List<HistoryEvent> history(String executionArn, int limit) {
        Run run = runs.get(executionArn);
        if (run == null) {
            return List.of();
        }
        synchronized (run.history()) {
            List<HistoryEvent> all = List.copyOf(run.history());
            return all.subList(0, Math.min(limit, all.size()));
        }
    }

    /** Callbacks for one token, in order. */
    List<Callback> callbacks(String token) {
        synchronized (callbacks) {
            return callbacks.stream().filter(c -> c.token().equals(token)).toList();
        }
    }
}
