package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.StatesErrors;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.mlops.workflows.asl.Asl.T0;
import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code .waitForTaskToken}: the execution parks until SendTaskSuccess, SendTaskFailure or a timeout. */
class TaskTokenTest {

    private static final String CALLBACK = "arn:aws:states:::lambda:invoke.waitForTaskToken";

    private final VirtualClock clock = new VirtualClock(T0);
    private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
    private final Engine engine = new Engine(new StubTaskResolver().on(CALLBACK, request -> {
        assertEquals(request.taskToken(), request.input().get("Payload").get("token").textValue(), "$$.Task.Token is the token");
        tokens.add(request.taskToken());
        return json("{\"StatusCode\": 200}");
    }), clock, new Random(3));

    private static String approval(String timeouts) {
        return "{\"StartAt\": \"Approve\", \"States\": {\"Approve\": {\"Type\": \"Task\", \"Resource\": \"" + CALLBACK + "\"" + timeouts + ","
                + " \"Parameters\": {\"FunctionName\": \"notify\", \"Payload\": {\"token.$\": \"$$.Task.Token\"}}, \"ResultPath\": \"$.approval\", \"End\": true}}}";
    }

    private int started;

    private Execution start(String timeouts) {
        // Names are unique per machine: each start in a test takes a new one.
        return engine.start(parse(approval(timeouts)), "Approvals", "e" + ++started, json("{\"model\": \"m\"}"));
    }

    private String token() throws InterruptedException {
        String token = tokens.poll(5, TimeUnit.SECONDS);
        assertTrue(token != null, "the task was not invoked");
        return token;
    }

    @Test
    void sendTaskSuccess_resumesWithOutput() throws InterruptedException {
        Execution execution = start("");
        String token = token();
        assertFalse(execution.isDone(), "parked until the callback");
        engine.sendTaskSuccess(token, json("{\"approved\": true}"));
        ExecutionResult r = execution.await();
        assertEquals(json("{\"model\": \"m\", \"approval\": {\"approved\": true}}"), r.output());
        assertTrue(r.history().stream().anyMatch(e -> e.type().equals("TaskSubmitted")));
    }

    @Test
    void sendTaskFailure_failsWithGivenErrorAndCause() throws InterruptedException {
        Execution execution = start("");
        engine.sendTaskFailure(token(), "Rejected", "not good enough");
        ExecutionResult r = execution.await();
        assertEquals("Rejected", r.error());
        assertEquals("not good enough", r.cause());
    }

    @Test
    void token_isSingleUse_andUnguessable() throws InterruptedException {
        Execution execution = start("");
        String token = token();
        engine.sendTaskSuccess(token, json("1"));
        execution.await();
        TaskTokenException used = assertThrows(TaskTokenException.class, () -> engine.sendTaskSuccess(token, json("2")));
        assertEquals("TaskDoesNotExist", used.error());
        assertEquals("InvalidToken", assertThrows(TaskTokenException.class, () -> engine.sendTaskSuccess("guess", json("1"))).error());
        assertEquals("TaskDoesNotExist", assertThrows(TaskTokenException.class,
                () -> engine.sendTaskHeartbeat("A".repeat(64))).error());
        Execution second = start("");
        String other = token();
        assertNotEquals(token, other);
        assertEquals(64, other.length());
        engine.sendTaskSuccess(other, json("1"));
        second.await();
    }

    @Test
    void timeoutSeconds_withoutCallback_isStatesTimeout_andLateTokenIsTimedOut() throws InterruptedException {
        Execution execution = start(", \"TimeoutSeconds\": 3600");
        String token = token();
        clock.advance(Duration.ofSeconds(3601));
        ExecutionResult r = execution.await();
        assertEquals(StatesErrors.TIMEOUT, r.error());
        assertEquals("TaskTimedOut", assertThrows(TaskTokenException.class, () -> engine.sendTaskSuccess(token, json("1"))).error());
    }

    @Test
    void heartbeats_keepTheTaskAlive_untilTheyStop() throws InterruptedException {
        Execution execution = start(", \"HeartbeatSeconds\": 10, \"TimeoutSeconds\": 100");
        String token = token();
        clock.advance(Duration.ofSeconds(8));
        engine.sendTaskHeartbeat(token);
        clock.advance(Duration.ofSeconds(8));
        Thread.sleep(100);
        assertFalse(execution.isDone(), "a heartbeat 8 s ago keeps it alive");
        clock.advance(Duration.ofSeconds(3));
        ExecutionResult r = execution.await();
        assertEquals(StatesErrors.HEARTBEAT_TIMEOUT, r.error());
        HistoryEvent timedOut = r.history().stream().filter(e -> e.type().equals("TaskTimedOut")).findFirst().orElseThrow();
        assertEquals(StatesErrors.HEARTBEAT_TIMEOUT, timedOut.details().get("error").textValue());
    }

    @Test
    void heartbeatTimeout_isRetriable() throws InterruptedException {
        String def = approval(", \"HeartbeatSeconds\": 5").replace("\"End\": true", "\"Retry\": [{\"ErrorEquals\": [\"States.HeartbeatTimeout\"], \"MaxAttempts\": 1}], \"End\": true");
        Execution execution = engine.start(parse(def), "Approvals", "e2", json("{}"));
        String first = token();
        clock.advance(Duration.ofSeconds(6));
        String second = token();
        assertNotEquals(first, second, "a retry gets a new token");
        engine.sendTaskSuccess(second, json("\"ok\""));
        JsonNode out = execution.await().output();
        assertEquals(json("{\"approval\": \"ok\"}"), out);
    }

    @Test
    void jsonataArguments_passTheTokenFromStatesContext() throws InterruptedException {
        Execution execution = engine.start(parse("""
                {"QueryLanguage": "JSONata", "StartAt": "Approve", "States": {"Approve": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "Arguments": {"FunctionName": "notify", "Payload": {"token": "{% $states.context.Task.Token %}"}},
                  "Output": {"model": "{% $states.input.model %}", "approval": "{% $states.result %}"}, "End": true}}}"""),
                "Approvals", "e1", json("{\"model\": \"m\"}"));
        engine.sendTaskSuccess(token(), json("{\"approved\": true}"));
        assertEquals(json("{\"model\": \"m\", \"approval\": {\"approved\": true}}"), execution.await().output());
    }
}
