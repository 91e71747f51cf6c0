package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.AslError;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.mlops.workflows.asl.Asl.T0;
import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.parse;
import static dev.mlops.workflows.asl.Asl.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Execution names are unique per state machine; the registry starts machines by name or ARN. */
class ExecutionNamesTest {

    private static final String PARKING = "{\"StartAt\": \"Wait\", \"States\": {\"Wait\": {\"Type\": \"Task\","
            + " \"Resource\": \"arn:aws:states:::lambda:invoke.waitForTaskToken\", \"End\": true}}}";

    private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
    private final Engine engine = new Engine(new StubTaskResolver().on("arn:aws:states:::lambda:invoke.waitForTaskToken",
            request -> {
                tokens.add(request.taskToken());
                return null;
            }), new VirtualClock(T0), new Random(1));

    @Test
    void run_sameNameTwice_executionAlreadyExists() {
        engine.register("M", single("Pass", ""));
        ExecutionResult first = engine.run("M", "once", json("{}"));
        assertEquals(ExecutionResult.Status.SUCCEEDED, first.status());
        ExecutionAlreadyExistsException e = assertThrows(ExecutionAlreadyExistsException.class,
                () -> engine.run("M", "once", json("{}")));
        assertEquals("ExecutionAlreadyExists", e.error());
        assertEquals("arn:aws:states:local:000000000000:execution:M:once", e.executionArn());
    }

    @Test
    void run_sameNameOtherMachine_allowed() {
        engine.register("A", single("Pass", ""));
        engine.register("B", single("Pass", ""));
        engine.run("A", "n", json("{}"));
        assertEquals(ExecutionResult.Status.SUCCEEDED, engine.run("B", "n", json("{}")).status());
    }

    @Test
    void start_runningSameInput_returnsTheRunningExecution() throws InterruptedException {
        engine.register("Approvals", PARKING);
        Execution first = engine.start("Approvals", "e", json("{\"a\": 1}"));
        String token = tokens.poll(5, TimeUnit.SECONDS);
        assertSame(first, engine.start("Approvals", "e", json("{\"a\": 1}")), "StartExecution is idempotent while running");
        assertThrows(ExecutionAlreadyExistsException.class, () -> engine.start("Approvals", "e", json("{\"a\": 2}")));
        engine.sendTaskSuccess(token, json("{}"));
        first.await();
        assertThrows(ExecutionAlreadyExistsException.class, () -> engine.start("Approvals", "e", json("{\"a\": 1}")));
    }

    @Test
    void register_arnAndLookups() {
        String arn = engine.register("M", single("Pass", ""));
        assertEquals("arn:aws:states:local:000000000000:stateMachine:M", arn);
        assertTrue(engine.stateMachine(arn).isPresent());
        Execution started = engine.start(arn, "x", json("{\"k\": 1}"));
        started.await();
        assertEquals(json("{\"k\": 1}"), engine.execution(started.executionArn()).orElseThrow().await().output());
        AslError e = assertThrows(AslError.class, () -> engine.start("Nope", null, json("{}")));
        assertEquals("StateMachineDoesNotExist", e.error());
    }

    @Test
    void badName_invalidName() {
        engine.register("M", single("Pass", ""));
        assertEquals("InvalidName", assertThrows(AslError.class, () -> engine.run("M", "a:b", json("{}"))).error());
        assertEquals("InvalidName", assertThrows(AslError.class, () -> engine.run("M", "x".repeat(81), json("{}"))).error());
        assertEquals("InvalidName", assertThrows(AslError.class, () -> engine.run("M", "has space", json("{}"))).error());
        assertEquals(ExecutionResult.Status.SUCCEEDED, engine.run("M", "retrain-model_1-2026-01-01", json("{}")).status());
    }

    @Test
    void unregisteredMachine_namesStillUnique() {
        JsonNode input = json("{}");
        engine.run(parse(single("Pass", "")), "Test", "e", input);
        assertThrows(ExecutionAlreadyExistsException.class, () -> engine.run(parse(single("Pass", "")), "Test", "e", input));
    }
}
