package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.persist.Checkpoint;
import dev.mlops.workflows.asl.persist.DirectoryExecutionStore;
import dev.mlops.workflows.asl.persist.ExecutionRecord;
import dev.mlops.workflows.asl.persist.ExecutionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.mlops.workflows.asl.Asl.T0;
import static dev.mlops.workflows.asl.Asl.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Executions persisted in a directory survive the engine: a new engine on the same store resumes them. */
class PersistedExecutionTest {

    private static final String CALLBACK = "arn:aws:states:::lambda:invoke.waitForTaskToken";
    private static final String APPROVAL = "{\"StartAt\": \"Prepare\", \"States\": {"
            + "\"Prepare\": {\"Type\": \"Pass\", \"Result\": \"ready\", \"ResultPath\": \"$.prepared\", \"Next\": \"Approve\"},"
            + "\"Approve\": {\"Type\": \"Task\", \"Resource\": \"" + CALLBACK + "\", \"TimeoutSeconds\": 86400,"
            + " \"Parameters\": {\"token.$\": \"$$.Task.Token\"}, \"ResultPath\": \"$.approval\", \"Next\": \"Done\"},"
            + "\"Done\": {\"Type\": \"Pass\", \"End\": true}}}";

    @TempDir
    Path dir;

    private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
    private final AtomicInteger invocations = new AtomicInteger();

    private Engine engine(ExecutionStore store, VirtualClock clock) {
        Engine engine = Engine.builder().resolver(new StubTaskResolver()
                        .on(CALLBACK, request -> {
                            tokens.add(request.taskToken());
                            return null;
                        })
                        .on("arn:aws:lambda:*", request -> json("{\"n\": " + invocations.incrementAndGet() + "}")))
                .clock(clock).random(new Random(5)).store(store).build();
        engine.register("Approvals", APPROVAL);
        return engine;
    }

    /** The handler gets the token just before the engine checkpoints the parked task; a restart in between re-runs it. */
    private void awaitParkedCheckpoint(String arn) throws InterruptedException {
        DirectoryExecutionStore store = new DirectoryExecutionStore(dir);
        for (int i = 0; i < 500 && store.checkpoint(arn).map(c -> c.parked() == null).orElse(true); i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void parkedTask_survivesRestart_sameTokenCompletes() throws InterruptedException {
        Engine first = engine(new DirectoryExecutionStore(dir), new VirtualClock(T0));
        Execution parked = first.start("Approvals", "e1", json("{\"model\": \"m\"}"));
        String token = tokens.poll(5, TimeUnit.SECONDS);
        assertNotNull(token);
        awaitParkedCheckpoint(parked.executionArn());
        assertFalse(parked.isDone());

        // The first engine is dropped (as if the JVM stopped); a new one opens the same directory.
        Engine second = engine(new DirectoryExecutionStore(dir), new VirtualClock(T0.plus(Duration.ofHours(2))));
        List<Execution> resumed = second.resume();
        assertEquals(1, resumed.size());
        second.sendTaskSuccess(token, json("{\"approved\": true}"));
        ExecutionResult r = resumed.get(0).await();

        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status(), r::cause);
        assertEquals(json("{\"model\": \"m\", \"prepared\": \"ready\", \"approval\": {\"approved\": true}}"), r.output());
        List<String> types = r.history().stream().map(HistoryEvent::type).toList();
        assertEquals(List.of("ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered",
                "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited",
                "PassStateEntered", "PassStateExited", "ExecutionSucceeded"), types);
        for (int i = 0; i < r.history().size(); i++) {
            assertEquals(i + 1, r.history().get(i).id(), "continuous event ids");
        }
        assertEquals(7, r.history().get(7).previousEventId(), "TaskSucceeded follows TaskSubmitted");
        assertEquals(T0, r.startDate());
        assertEquals(0, tokens.size(), "the task was not invoked again");

        ExecutionRecord stored = new DirectoryExecutionStore(dir).find(r.executionArn()).orElseThrow();
        assertEquals(ExecutionRecord.Status.SUCCEEDED, stored.status());
        assertEquals(r.output(), stored.output());
        assertEquals(r.history().size(), new DirectoryExecutionStore(dir).history(r.executionArn()).size());
    }

    @Test
    void variables_areInTheCheckpoint_andSurviveRestart() throws InterruptedException {
        String definition = "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"Prepare\", \"States\": {"
                + "\"Prepare\": {\"Type\": \"Pass\", \"Assign\": {\"model\": \"{% $states.input.model %}\", \"n\": 2}, \"Next\": \"Approve\"},"
                + "\"Approve\": {\"Type\": \"Task\", \"Resource\": \"" + CALLBACK + "\","
                + " \"Arguments\": {\"token\": \"{% $states.context.Task.Token %}\"},"
                + " \"Output\": {\"model\": \"{% $model %}\", \"n\": \"{% $n %}\", \"approval\": \"{% $states.result %}\"}, \"End\": true}}}";
        Engine first = engine(new DirectoryExecutionStore(dir), new VirtualClock(T0));
        first.register("Vars", definition);
        Execution parked = first.start("Vars", "v1", json("{\"model\": \"m\"}"));
        String token = tokens.poll(5, TimeUnit.SECONDS);
        assertNotNull(token);
        awaitParkedCheckpoint(parked.executionArn());
        assertEquals(json("{\"model\": \"m\", \"n\": 2}"),
                new DirectoryExecutionStore(dir).checkpoint(parked.executionArn()).orElseThrow().variables());

        Engine second = engine(new DirectoryExecutionStore(dir), new VirtualClock(T0.plus(Duration.ofHours(1))));
        second.register("Vars", definition);
        List<Execution> resumed = second.resume();
        second.sendTaskSuccess(token, json("{\"approved\": true}"));
        ExecutionResult r = resumed.get(0).await();
        assertEquals(json("{\"model\": \"m\", \"n\": 2, \"approval\": {\"approved\": true}}"), r.output(), r::cause);
    }

    @Test
    void parkedTask_timeoutPassedWhileDown_timesOutOnResume() throws InterruptedException {
        Engine first = engine(new DirectoryExecutionStore(dir), new VirtualClock(T0));
        Execution parked = first.start("Approvals", "e1", json("{}"));
        assertNotNull(tokens.poll(5, TimeUnit.SECONDS));
        awaitParkedCheckpoint(parked.executionArn());
        Engine second = engine(new DirectoryExecutionStore(dir), new VirtualClock(T0.plus(Duration.ofDays(2))));
        ExecutionResult r = second.resume().get(0).await();
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals("States.Timeout", r.error());
    }

    @Test
    void names_stayTakenAcrossRestarts() {
        Engine first = engine(new DirectoryExecutionStore(dir), new VirtualClock(T0));
        first.register("Quick", "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");
        first.run("Quick", "once", json("{}"));
        Engine second = engine(new DirectoryExecutionStore(dir), new VirtualClock(T0));
        second.register("Quick", "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");
        assertEquals(0, second.resume().size());
        assertThrows(ExecutionAlreadyExistsException.class, () -> second.run("Quick", "once", json("{}")));
        assertEquals(ExecutionResult.Status.SUCCEEDED,
                second.execution("arn:aws:states:local:000000000000:execution:Quick:once").orElseThrow().await().status());
    }

    @Test
    void wait_resumesByItsAbsoluteDueTime() {
        ExecutionStore store = new DirectoryExecutionStore(dir);
        String definition = "{\"StartAt\": \"Bake\", \"States\": {\"Bake\": {\"Type\": \"Wait\", \"Seconds\": 3600, \"End\": true}}}";
        String arn = "arn:aws:states:local:000000000000:execution:Canary:c1";
        // What an engine that died 10 minutes into the Wait left behind.
        store.create(ExecutionRecord.running(arn, "Canary", "c1", json("{}"), definition, T0));
        store.append(arn, new HistoryEvent(1, 0, T0, "ExecutionStarted", "executionStartedEventDetails", (com.fasterxml.jackson.databind.node.ObjectNode) json("{}")));
        store.append(arn, new HistoryEvent(2, 1, T0, "WaitStateEntered", "stateEnteredEventDetails", (com.fasterxml.jackson.databind.node.ObjectNode) json("{\"name\": \"Bake\"}")));
        store.checkpoint(arn, new Checkpoint("Bake", json("{}"), 2, T0, 0, null));

        Engine engine = Engine.builder().clock(new VirtualClock(T0.plus(Duration.ofMinutes(10)))).random(new Random(1))
                .store(store).build();
        ExecutionResult r = engine.resume().get(0).await();
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status());
        assertEquals(T0.plusSeconds(3600), r.stopDate());
        assertEquals(List.of(1L, 2L, 3L, 4L), r.history().stream().map(HistoryEvent::id).toList());
        assertEquals("WaitStateExited", r.history().get(2).type());
    }

    @Test
    void runningTask_isRunAgainOnResume() {
        ExecutionStore store = new DirectoryExecutionStore(dir);
        String definition = "{\"StartAt\": \"Call\", \"States\": {\"Call\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:local:0:function:f\", \"End\": true}}}";
        String arn = "arn:aws:states:local:000000000000:execution:Calls:c1";
        store.create(ExecutionRecord.running(arn, "Calls", "c1", json("{}"), definition, T0));
        store.checkpoint(arn, new Checkpoint("Call", json("{}"), 2, T0, 0, null));
        Engine engine = engine(store, new VirtualClock(T0));
        JsonNode output = engine.resume().get(0).await().output();
        assertEquals(json("{\"n\": 1}"), output);
        assertEquals(1, invocations.get());
    }

    @Test
    void syncParentOfParkedChild_bothResume_parentGetsChildOutput() throws InterruptedException {
        String parent = "{\"StartAt\": \"Nested\", \"States\": {\"Nested\": {\"Type\": \"Task\","
                + " \"Resource\": \"arn:aws:states:::states:startExecution.sync:2\", \"Parameters\": {\"StateMachineArn\": \"Approvals\","
                + " \"Name\": \"child-1\", \"Input\": {\"model\": \"m\"}}, \"OutputPath\": \"$.Output\", \"End\": true}}}";
        Engine first = engine(new DirectoryExecutionStore(dir), new VirtualClock(T0));
        first.register("Parent", parent);
        first.start("Parent", "p1", json("{}"));
        String token = tokens.poll(5, TimeUnit.SECONDS);
        assertNotNull(token);
        awaitParkedCheckpoint("arn:aws:states:local:000000000000:execution:Approvals:child-1");

        Engine second = engine(new DirectoryExecutionStore(dir), new VirtualClock(T0));
        second.register("Parent", parent);
        List<Execution> resumed = second.resume();
        assertEquals(2, resumed.size());
        second.sendTaskSuccess(token, json("{\"approved\": true}"));
        Execution p = resumed.stream().filter(e -> e.executionArn().endsWith(":Parent:p1")).findFirst().orElseThrow();
        ExecutionResult r = p.await();
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status(), r::cause);
        assertEquals(json("{\"model\": \"m\", \"prepared\": \"ready\", \"approval\": {\"approved\": true}}"), r.output());
    }

    @Test
    void inMemoryByDefault_resumeFindsNothing() {
        Engine engine = new Engine(TaskResolver.none(), new VirtualClock(T0), new Random(1));
        assertEquals(0, engine.resume().size());
        assertFalse(engine.store().isPresent());
    }
}
