package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.StatesErrors;

import java.util.Optional;
import java.util.UUID;

/**
 * The built-in Step Functions integration: {@code arn:aws:states:::states:startExecution} starts an execution of a
 * state machine registered on the same engine.
 * <ul>
 *   <li>request-response: starts it on its own thread and returns StartExecution's response,
 *       {@code {"ExecutionArn", "StartDate"}};</li>
 *   <li>{@code .sync}: runs it to its end on the calling thread (the parent waits anyway, and on a virtual clock
 *       this keeps the run reproducible) and returns DescribeExecution's response with {@code Output} as a JSON
 *       string; {@code .sync:2} returns {@code Output} as JSON. A child that fails or times out fails the task with
 *       {@code States.TaskFailed} and that response (with {@code Error} and {@code Cause}) as the cause, as AWS
 *       does;</li>
 *   <li>{@code .waitForTaskToken}: starts it as request-response does; the execution then parks until the token
 *       (passed in the child's Input) comes back.</li>
 * </ul>
 * Parameters: {@code StateMachineArn} (an ARN or a registered name), {@code Name} (optional: a random UUID),
 * {@code Input} (JSON, or a string holding JSON; optional: {}). An Input field
 * {@code AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID} (set from {@code $$.Execution.Id}) links the child to its
 * parent, as in AWS, and stays in the child's input. Errors: a taken name is
 * {@code StepFunctions.ExecutionAlreadyExistsException}, a name StartExecution refuses
 * {@code StepFunctions.InvalidNameException}, an unknown machine
 * {@code StepFunctions.StateMachineDoesNotExistException}. Dates are epoch milliseconds, as AWS renders the API's
 * timestamps in task results.
 */
final class StatesIntegration implements TaskResolver {

    /** The parameter with which a parent passes its execution ARN to the child. */
    static final String STARTED_BY = "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine;

    StatesIntegration(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Optional<TaskHandler> resolve(Resource resource) {
        if (!resource.resourceType().equals("states") || !resource.name().equals("startExecution")) {
            return Optional.empty();
        }
        boolean isJsonOutput = resource.arn().endsWith(".sync:2");
        return Optional.of(request -> startExecution(request, isJsonOutput));
    }

    private JsonNode startExecution(TaskRequest request, boolean isJsonOutput) {
        JsonNode params = request.input();
        String machine = params.path("StateMachineArn").asText("");
        String name = params.hasNonNull("Name") ? params.get("Name").asText()
                : new UUID(engine.random().nextLong(), engine.random().nextLong()).toString();
        JsonNode input = input(params.get("Input"));
        Engine.Registration registration;
        try {
            registration = engine.registration(machine);
        } catch (AslError e) {
            throw new AslError("StepFunctions.StateMachineDoesNotExistException", serviceError(e.cause(),
                    "StateMachineDoesNotExist"));
        }
        Interpreter child = new Interpreter(engine, registration.machine(), registration.name(), name, input);
        boolean isSync = request.resource().pattern() == Resource.Pattern.RUN_JOB;
        Execution execution;
        try {
            execution = engine.launch(child, registration.definition(), !isSync);
        } catch (ExecutionAlreadyExistsException e) {
            throw new AslError("StepFunctions.ExecutionAlreadyExistsException", serviceError(e.cause(), e.error()));
        } catch (AslError e) {
            if (!Engine.INVALID_NAME.equals(e.error())) {
                throw e;
            }
            throw new AslError("StepFunctions.InvalidNameException", serviceError(e.cause(), e.error()));
        }
        if (!isSync) {
            ObjectNode response = JSON.createObjectNode();
            response.put("ExecutionArn", execution.executionArn());
            response.put("StartDate", execution.startDate().toEpochMilli());
            return response;
        }
        ExecutionResult result = execution.await();
        request.clock().sleepUntil(result.stopDate());
        ObjectNode described = describe(execution, result, isJsonOutput, name);
        if (result.status() != ExecutionResult.Status.SUCCEEDED) {
            throw new AslError(StatesErrors.TASK_FAILED, described.toString());
        }
        return described;
    }

    private static JsonNode input(JsonNode input) {
        if (input == null || input.isNull()) {
            return JSON.createObjectNode();
        }
        if (!input.isTextual()) {
            return input;
        }
        try {
            return JSON.readTree(input.textValue());
        } catch (JsonProcessingException e) {
            throw new AslError("StepFunctions.InvalidExecutionInputException",
                    serviceError("Invalid State Machine Execution Input: '" + e.getOriginalMessage() + "'", "InvalidExecutionInput"));
        }
    }

    /** DescribeExecution's response. */
    private static ObjectNode describe(Execution execution, ExecutionResult result, boolean isJsonOutput, String name) {
        ObjectNode d = JSON.createObjectNode();
        d.put("ExecutionArn", execution.executionArn());
        d.put("Input", execution.input().toString());
        d.putObject("InputDetails").put("Included", true);
        d.put("Name", name);
        if (result.status() == ExecutionResult.Status.SUCCEEDED) {
            if (isJsonOutput) {
                d.set("Output", result.output());
            } else {
                d.put("Output", result.output().toString());
            }
            d.putObject("OutputDetails").put("Included", true);
        } else {
            if (result.error() != null) {
                d.put("Error", result.error());
            }
            if (result.cause() != null) {
                d.put("Cause", result.cause());
            }
        }
        d.put("StartDate", result.startDate().toEpochMilli());
        d.put("StateMachineArn", execution.stateMachineArn());
        d.put("Status", result.status().name());
        d.put("StopDate", result.stopDate().toEpochMilli());
        return d;
    }

    /** How a Task state reports a failed AWS API call. */
    private static String serviceError(String message, String code) {
        return message + " (Service: AWSStepFunctions; Status Code: 400; Error Code: " + code + "; Request ID: local; Proxy: null)";
    }
}
