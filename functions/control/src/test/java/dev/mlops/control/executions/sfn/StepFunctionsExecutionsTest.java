package dev.mlops.control.executions.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.mlops.Json;
import dev.mlops.control.executions.ExecutionAlreadyExistsException;
import dev.mlops.control.executions.ExecutionDetail;
import dev.mlops.control.executions.ExecutionStatus;
import dev.mlops.control.executions.HistoryEvent;
import dev.mlops.control.executions.TaskClosedException;
import dev.mlops.control.executions.UnknownStateMachineException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adapter against a stand-in Step Functions endpoint speaking the service's JSON 1.0 protocol: checks the
 * requests the SDK sends for each call and the mapping of the service's answers and errors.
 */
class StepFunctionsExecutionsTest {

    static final String MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:mlops-training-pipeline";
    static final String EXECUTION = "arn:aws:states:eu-west-1:123456789012:execution:mlops-training-pipeline:run-1";

    /** One request as the endpoint saw it. */
    record Call(String target, JsonNode body) {
    }

    HttpServer server;
    final List<Call> calls = new ArrayList<>();
    /** Target operation to {status, body}. */
    final Map<String, Object[]> answers = new HashMap<>();
    SfnClient client;
    StepFunctionsExecutions executions;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.add(new Call(target, Json.tree(body, target)));
            Object[] answer = answers.getOrDefault(target.substring(target.indexOf('.') + 1), new Object[] {200, "{}"});
            byte[] out = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders((Integer) answer[0], out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        client = SfnClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(1)))
                .build();
        executions = new StepFunctionsExecutions(client, Map.of("training-pipeline", MACHINE));
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    private void answer(String operation, int status, String body) {
        answers.put(operation, new Object[] {status, body});
    }

    private static String error(String code) {
        return "{\"__type\": \"com.amazonaws.swf.service.v2.model#" + code + "\", \"message\": \"" + code + " from the fake\"}";
    }

    @Test
    void start_sendsTheMachineArnNameAndInput_andReturnsTheExecutionArn() {
        answer("StartExecution", 200, "{\"executionArn\": \"" + EXECUTION + "\", \"startDate\": 1764230400.0}");

        String arn = executions.start("training-pipeline", "run-1", "{\"model\":\"credit-risk\"}");

        assertEquals(EXECUTION, arn);
        Call call = calls.get(0);
        assertEquals("AWSStepFunctions.StartExecution", call.target());
        assertEquals(MACHINE, call.body().get("stateMachineArn").asText());
        assertEquals("run-1", call.body().get("name").asText());
        assertEquals("{\"model\":\"credit-risk\"}", call.body().get("input").asText());
    }

    @Test
    void start_duplicateName_andUnknownMachine_areTheirOwnErrors() {
        answer("StartExecution", 400, error("ExecutionAlreadyExists"));
        assertThrows(ExecutionAlreadyExistsException.class, () -> executions.start("training-pipeline", "run-1", "{}"));
        assertThrows(UnknownStateMachineException.class, () -> executions.start("drift-check", "run-1", "{}"));
        assertEquals(1, calls.size(), "an unconfigured machine is refused before any call");
    }

    @Test
    void taskCallbacks_carryTokenOutputErrorAndCause() {
        executions.sendTaskSuccess("tok-1", "{\"decision\":\"APPROVED\"}");
        executions.sendTaskFailure("tok-2", "ApprovalRejected", "{\"approver\":\"bob\"}");

        assertEquals("AWSStepFunctions.SendTaskSuccess", calls.get(0).target());
        assertEquals("tok-1", calls.get(0).body().get("taskToken").asText());
        assertEquals("{\"decision\":\"APPROVED\"}", calls.get(0).body().get("output").asText());
        assertEquals("AWSStepFunctions.SendTaskFailure", calls.get(1).target());
        assertEquals("ApprovalRejected", calls.get(1).body().get("error").asText());
        assertEquals("{\"approver\":\"bob\"}", calls.get(1).body().get("cause").asText());
    }

    @Test
    void closedTasks_becomeTaskClosed() {
        for (String code : List.of("TaskTimedOut", "TaskDoesNotExist", "InvalidToken")) {
            answer("SendTaskSuccess", 400, error(code));
            answer("SendTaskFailure", 400, error(code));
            assertThrows(TaskClosedException.class, () -> executions.sendTaskSuccess("tok", "{}"), code);
            assertThrows(TaskClosedException.class, () -> executions.sendTaskFailure("tok", "E", "c"), code);
        }
    }

    @Test
    void describeListAndHistory_mapTheServiceDocuments() {
        answer("DescribeExecution", 200, "{\"executionArn\": \"" + EXECUTION + "\", \"stateMachineArn\": \"" + MACHINE + "\","
                + " \"name\": \"run-1\", \"status\": \"FAILED\", \"startDate\": 1764230400.0, \"stopDate\": 1764230460.5,"
                + " \"input\": \"{}\", \"error\": \"States.TaskFailed\", \"cause\": \"boom\"}");
        answer("ListExecutions", 200, "{\"executions\": [{\"executionArn\": \"" + EXECUTION + "\", \"stateMachineArn\": \"" + MACHINE
                + "\", \"name\": \"run-1\", \"status\": \"RUNNING\", \"startDate\": 1764230400.0}]}");
        answer("GetExecutionHistory", 200, "{\"events\": [{\"id\": 1, \"type\": \"ExecutionStarted\", \"timestamp\": 1764230400.0},"
                + " {\"id\": 2, \"type\": \"TaskStateEntered\", \"timestamp\": 1764230401.0, \"stateEnteredEventDetails\": {\"name\": \"Train\", \"input\": \"{\\\"model\\\":\\\"credit-risk\\\"}\"}},"
                + " {\"id\": 3, \"type\": \"ExecutionFailed\", \"timestamp\": 1764230460.5,"
                + " \"executionFailedEventDetails\": {\"error\": \"States.TaskFailed\", \"cause\": \"boom\"}}]}");

        ExecutionDetail detail = executions.describe(EXECUTION).orElseThrow();
        assertEquals("training-pipeline", detail.summary().stateMachine());
        assertEquals(ExecutionStatus.FAILED, detail.summary().status());
        assertEquals(Instant.ofEpochMilli(1_764_230_460_500L), detail.summary().stoppedAt());
        assertEquals("States.TaskFailed", detail.error());

        assertEquals(ExecutionStatus.RUNNING, executions.list("training-pipeline", 500).get(0).status());
        assertEquals(100, calls.get(1).body().get("maxResults").asInt(), "the service's page limit");

        List<HistoryEvent> history = executions.history(EXECUTION, 50);
        assertEquals("Train", history.get(1).state());
        assertNull(history.get(0).detail());
        assertEquals("{\"input\":\"{\\\"model\\\":\\\"credit-risk\\\"}\"}", history.get(1).detail(), "a state's input, for the console");
        assertTrue(history.get(2).detail().contains("\"error\":\"States.TaskFailed\""), history.get(2).detail());
    }

    @Test
    void describe_unknownExecution_isEmpty() {
        answer("DescribeExecution", 400, error("ExecutionDoesNotExist"));
        answer("GetExecutionHistory", 400, error("ExecutionDoesNotExist"));
        assertTrue(executions.describe(EXECUTION).isEmpty());
        assertTrue(executions.history(EXECUTION, 10).isEmpty());
    }
}
