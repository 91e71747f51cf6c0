package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.local.LocalEnvironment;
import dev.mlops.trainer.data.CreditRiskGenerator;
import dev.mlops.trainer.data.DriftKnobs;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.eval.VirtualClock;
import dev.mlops.workflows.asl.persist.ExecutionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.mlops.local.workflows.StubPipeline.START;
import static dev.mlops.local.workflows.StubPipeline.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runtime's own wiring ({@link LocalWorkflows#forEnvironment}): the real trainer behind
 * {@code batch:submitJob.sync}, its run marker read the way Register reads it, the inbox and the execution store
 * under MLOPS_HOME.
 */
class LocalWorkflowsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void forEnvironment_realTrainerWritesTheRunMarker_registerFindsTheVersion() throws IOException {
        LocalEnvironment env = LocalEnvironment.from(Map.of("MLOPS_HOME", home.toString(),
                "MLOPS_MODELS", Path.of("..", "models").toAbsolutePath().toString()), Clock.fixed(START, ZoneOffset.UTC));
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        new CreditRiskGenerator(3, DriftKnobs.none()).writeCsv(2000, csv);
        env.store().put("datasets/credit-risk/small.csv", csv.toByteArray());
        LocalFunction register = p -> {
            JsonNode marker = json(env.store().require(InProcessTrainer.runKey("credit-risk", p.path("runId").asText())).text());
            return JSON.createObjectNode().put("version", marker.path("version").asText()).put("status", "REGISTERED")
                    .set("policy", json("{\"approvalTimeoutSeconds\": 60, \"bakeSeconds\": 1, \"steps\": [100], \"maxExtensions\": 0}"));
        };
        LocalFunction evaluate = p -> json("{\"verdict\": \"FAIL\", \"evidenceKey\": \"e\", \"reasons\": [\"small data\"]}");
        LocalWorkflows workflows = LocalWorkflows.forEnvironment(StubPipeline.WORKFLOWS, env,
                new LocalFunctions(Map.of("register", register, "evaluate", evaluate)), "test", new VirtualClock(START), new Random(1));

        ExecutionResult result = workflows.run("training-pipeline", "run-real", json("{\"model\": \"credit-risk\","
                + " \"dataset\": \"datasets/credit-risk/small.csv\", \"initiator\": \"ds-alice\", \"seed\": 5}"));

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), result::cause);
        assertEquals("GATE_FAILED", result.output().path("outcome").asText());
        assertEquals("v1", result.output().path("registration").path("version").asText());
        assertEquals("SUCCEEDED", result.output().path("training").path("status").asText());
        assertTrue(env.store().get("models/credit-risk/v1/package.json").isPresent());
        List<Notification> inbox = InboxNotifier.in(home).read();
        assertEquals("GATE_FAILED", json(inbox.get(0).message()).path("event").asText());
        List<ExecutionRecord> executions = workflows.list();
        assertEquals(ExecutionRecord.Status.SUCCEEDED, executions.get(0).status());
        assertTrue(Files.isDirectory(home.resolve(LocalWorkflows.EXECUTIONS)));
    }

    @Test
    void inProcessTrainer_sameRunTwice_trainsOnce() {
        LocalEnvironment env = LocalEnvironment.from(Map.of("MLOPS_HOME", home.toString(),
                "MLOPS_MODELS", Path.of("..", "models").toAbsolutePath().toString()), Clock.fixed(START, ZoneOffset.UTC));
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        new CreditRiskGenerator(4, DriftKnobs.none()).writeCsv(1000, csv);
        env.store().put("datasets/credit-risk/tiny.csv", csv.toByteArray());
        InProcessTrainer trainer = new InProcessTrainer(env, "test", line -> {
        });
        TrainingJobSpec job = new TrainingJobSpec("credit-risk", "datasets/credit-risk/tiny.csv", "ds-alice", 1, "run-9");

        assertEquals("v1", trainer.run(job));
        assertEquals("v1", trainer.run(job));
        assertEquals(1, env.store().list("registry/credit-risk/claims/").size());
    }
}
