package dev.mlops.control.executions.sfn;

import dev.mlops.control.executions.ExecutionAlreadyExistsException;
import dev.mlops.control.executions.ExecutionDetail;
import dev.mlops.control.executions.ExecutionStatus;
import dev.mlops.control.executions.ExecutionSummary;
import dev.mlops.control.executions.Executions;
import dev.mlops.control.executions.HistoryEvent;
import dev.mlops.control.executions.TaskClosedException;
import dev.mlops.control.executions.UnknownStateMachineException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Executions} over AWS Step Functions. Logical state machine names map to ARNs from configuration (CDK
 * passes them as environment variables); an execution's logical name is found by the reverse lookup.
 */
public final class StepFunctionsExecutions implements Executions {

    /** Step Functions' limit on a cause (and on an error name: 256). */
    private static final int MAX_CAUSE = 32_768;

    private final SfnClient client;
    private final Map<String, String> stateMachineArns;

    /**
     * @param stateMachineArns logical name ({@code training-pipeline}) to state machine ARN
     */
    public StepFunctionsExecutions(SfnClient client, Map<String, String> stateMachineArns) {
        this.client = client;
        this.stateMachineArns = Map.copyOf(stateMachineArns);
    }

    @Override
    public String start(String stateMachine, String name, String input) {
        try {
            return client.startExecution(r -> r.stateMachineArn(arn(stateMachine)).name(name).input(input)).executionArn();
        } catch (software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException e) {
            throw new ExecutionAlreadyExistsException("an execution named '" + name + "' of " + stateMachine + " already exists", e);
        } catch (StateMachineDoesNotExistException e) {
            throw new UnknownStateMachineException("state machine " + stateMachine + " (" + arn(stateMachine) + ") does not exist");
        }
    }

    @Override
    public void sendTaskSuccess(String taskToken, String output) {
        try {
            client.sendTaskSuccess(r -> r.taskToken(taskToken).output(output));
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException e) {
            throw closed(e);
        }
    }

    @Override
    public void sendTaskFailure(String taskToken, String error, String cause) {
        String trimmed = cause != null && cause.length() > MAX_CAUSE ? cause.substring(0, MAX_CAUSE) : cause;
        try {
            client.sendTaskFailure(r -> r.taskToken(taskToken).error(error).cause(trimmed));
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException e) {
            throw closed(e);
        }
    }

    @Override
    public List<ExecutionSummary> list(String stateMachine, int limit) {
        String arn = arn(stateMachine);
        try {
            return client.listExecutions(r -> r.stateMachineArn(arn).maxResults(Math.max(1, Math.min(limit, 100))))
                    .executions().stream().map(e -> summary(e, stateMachine)).toList();
        } catch (StateMachineDoesNotExistException e) {
            throw new UnknownStateMachineException("state machine " + stateMachine + " (" + arn + ") does not exist");
        }
    }

    @Override
    public Optional<ExecutionDetail> describe(String executionArn) {
        try {
            DescribeExecutionResponse e = client.describeExecution(r -> r.executionArn(executionArn));
            ExecutionSummary summary = new ExecutionSummary(e.executionArn(), logicalName(e.stateMachineArn()), e.name(),
                    ExecutionStatus.of(e.statusAsString()), e.startDate(), e.stopDate());
            return Optional.of(new ExecutionDetail(summary, e.input(), e.output(), e.error(), e.cause()));
        } catch (ExecutionDoesNotExistException | InvalidArnException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<HistoryEvent> history(String executionArn, int limit) {
        try {
            return client.getExecutionHistory(r -> r.executionArn(executionArn).maxResults(Math.max(1, Math.min(limit, 1000)))
                            .reverseOrder(false).includeExecutionData(true))
                    .events().stream().map(HistoryEvents::of).toList();
        } catch (ExecutionDoesNotExistException | InvalidArnException e) {
            return List.of();
        }
    }

    private String arn(String stateMachine) {
        String arn = stateMachineArns.get(stateMachine);
        if (arn == null) {
            throw new UnknownStateMachineException("no state machine named '" + stateMachine + "' is configured (known: "
                    + stateMachineArns.keySet().stream().sorted().toList() + ")");
        }
        return arn;
    }

    private ExecutionSummary summary(ExecutionListItem e, String stateMachine) {
        return new ExecutionSummary(e.executionArn(), stateMachine, e.name(), ExecutionStatus.of(e.statusAsString()),
                e.startDate(), e.stopDate());
    }

    /** The logical name of a state machine ARN; its own name (the ARN's last part) when not configured. */
    private String logicalName(String stateMachineArn) {
        return stateMachineArns.entrySet().stream().filter(e -> e.getValue().equals(stateMachineArn)).map(Map.Entry::getKey)
                .findFirst().orElse(stateMachineArn == null ? null : stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1));
    }

    private static TaskClosedException closed(RuntimeException e) {
        return new TaskClosedException("the task is no longer waiting for a decision: " + e.getMessage(), e);
    }
}
