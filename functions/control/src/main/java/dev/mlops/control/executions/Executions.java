package dev.mlops.control.executions;

import java.util.List;
import java.util.Optional;

/**
 * The workflow engine, as the control API needs it: start a state machine, resume a parked task, and read
 * executions for the console. Implemented per environment: {@code StepFunctionsExecutions} over the AWS SDK in
 * Lambda, and the local runtime's engine in the embedded JVM (registered as a singleton bean of this type).
 *
 * <p>State machines are named logically ({@code training-pipeline}, {@code drift-check}); an implementation maps a
 * name to its ARN. Documents travel as JSON text, exactly as Step Functions takes and returns them.
 *
 * <p>Implementations are thread-safe and throw the unchecked exceptions named below; anything else is a failure of
 * the engine (answered 502 by the control API).
 */
public interface Executions {

    /**
     * Starts an execution.
     *
     * @param stateMachine logical name, such as {@code training-pipeline}
     * @param name         execution name, unique per state machine (1-80 characters of {@code [A-Za-z0-9_-]})
     * @param input        the execution input, a JSON object as text
     * @return the new execution's ARN
     * @throws UnknownStateMachineException   when no state machine has that name here
     * @throws ExecutionAlreadyExistsException when an execution of that name already exists
     */
    String start(String stateMachine, String name, String input);

    /**
     * Resumes a task parked with {@code .waitForTaskToken}; the task succeeds with {@code output}.
     *
     * @param output a JSON value as text
     * @throws TaskClosedException when the token no longer parks a task: already resumed, timed out, execution ended
     */
    void sendTaskSuccess(String taskToken, String output);

    /**
     * Resumes a task parked with {@code .waitForTaskToken}; the task fails with {@code error} (matched by the
     * state's {@code Catch}) and {@code cause}.
     *
     * @throws TaskClosedException when the token no longer parks a task
     */
    void sendTaskFailure(String taskToken, String error, String cause);

    /**
     * The newest executions of a state machine, newest first.
     *
     * @param limit at most this many (1-100)
     * @throws UnknownStateMachineException when no state machine has that name here
     */
    List<ExecutionSummary> list(String stateMachine, int limit);

    /** One execution with its input and output, or empty when the ARN names none. */
    Optional<ExecutionDetail> describe(String executionArn);

    /**
     * The execution's history events, oldest first, at most {@code limit} (the first ones). Empty when the ARN
     * names no execution.
     */
    List<HistoryEvent> history(String executionArn, int limit);
}
