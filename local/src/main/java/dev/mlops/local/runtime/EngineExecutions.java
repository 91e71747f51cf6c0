package dev.mlops.local.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.control.executions.ExecutionAlreadyExistsException;
import dev.mlops.control.executions.ExecutionDetail;
import dev.mlops.control.executions.ExecutionStatus;
import dev.mlops.control.executions.ExecutionSummary;
import dev.mlops.control.executions.Executions;
import dev.mlops.control.executions.ExecutionsException;
import dev.mlops.control.executions.HistoryEvent;
import dev.mlops.control.executions.TaskClosedException;
import dev.mlops.control.executions.UnknownStateMachineException;
import dev.mlops.local.workflows.LocalWorkflows;
import dev.mlops.workflows.asl.eval.TaskTokenException;
import dev.mlops.workflows.asl.persist.ExecutionRecord;

import java.util.List;
import java.util.Optional;

/**
 * The control API's {@link Executions} port over the local engine: starts, callbacks and reads of
 * {@link LocalWorkflows}, with the engine's errors translated into the port's.
 */
public final class EngineExecutions implements Executions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalWorkflows workflows;

    public EngineExecutions(LocalWorkflows workflows) {
        this.workflows = workflows;
    }

    @Override
    public String start(String stateMachine, String name, String input) {
        requireMachine(stateMachine);
        try {
            return workflows.start(stateMachine, name, parse(input)).executionArn();
        } catch (dev.mlops.workflows.asl.eval.ExecutionAlreadyExistsException e) {
            throw new ExecutionAlreadyExistsException("an execution named '" + name + "' of " + stateMachine + " exists already", e);
        }
    }

    @Override
    public void sendTaskSuccess(String taskToken, String output) {
        try {
            workflows.sendTaskSuccess(taskToken, parse(output));
        } catch (TaskTokenException e) {
            throw new TaskClosedException(e.getMessage(), e);
        }
    }

    @Override
    public void sendTaskFailure(String taskToken, String error, String cause) {
        try {
            workflows.sendTaskFailure(taskToken, error, cause);
        } catch (TaskTokenException e) {
            throw new TaskClosedException(e.getMessage(), e);
        }
    }

    @Override
    public List<ExecutionSummary> list(String stateMachine, int limit) {
        requireMachine(stateMachine);
        return workflows.list().stream().filter(r -> stateMachine.equals(r.stateMachineName())).limit(limit)
                .map(EngineExecutions::summary).toList();
    }

    @Override
    public Optional<ExecutionDetail> describe(String executionArn) {
        return workflows.describe(executionArn).map(r -> new ExecutionDetail(summary(r), text(r.input()), text(r.output()),
                r.error(), r.cause()));
    }

    @Override
    public List<HistoryEvent> history(String executionArn, int limit) {
        return workflows.engine().store().map(s -> s.history(executionArn)).orElse(List.of()).stream().limit(limit)
                .map(EngineExecutions::event).toList();
    }

    private void requireMachine(String stateMachine) {
        if (!workflows.stateMachines().containsKey(stateMachine)) {
            throw new UnknownStateMachineException("no state machine '" + stateMachine + "' in the local engine (loaded: "
                    + workflows.stateMachines().keySet() + ")");
        }
    }

    private static ExecutionSummary summary(ExecutionRecord r) {
        return new ExecutionSummary(r.executionArn(), r.stateMachineName(), r.name(), ExecutionStatus.of(r.status().name()),
                r.startDate(), r.stopDate());
    }

    /** As the Step Functions adapter reduces an event: the state's name, its input or output, a failure's error and cause. */
    private static HistoryEvent event(dev.mlops.workflows.asl.eval.HistoryEvent e) {
        JsonNode details = e.details();
        String state = e.type().endsWith("StateEntered") || e.type().endsWith("StateExited")
                ? details.path("name").asText(null) : null;
        ObjectNode detail = JSON.createObjectNode();
        for (String payload : List.of("input", "output")) {
            if (details.has(payload) && state != null) {
                detail.put(payload, details.get(payload).toString());
            }
        }
        for (String failure : List.of("error", "cause")) {
            if (details.path(failure).isTextual()) {
                detail.put(failure, details.get(failure).asText());
            }
        }
        return new HistoryEvent(e.id(), e.type(), e.timestamp(), state, detail.isEmpty() ? null : detail.toString());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json == null ? "null" : json);
        } catch (JsonProcessingException e) {
            throw new ExecutionsException("not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode json) {
        return json == null || json.isMissingNode() ? null : json.toString();
    }
}
