package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.fs.FileSystemArtifactStore;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static dev.mlops.local.workflows.StubPipeline.START;
import static dev.mlops.local.workflows.StubPipeline.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * workflows/batch-inference.asl.json over files in the artifact store: PlanBatch's manifest read by the
 * DISTRIBUTED Map's ItemReader, one child per row range, results written by the ResultWriter.
 */
class WorkflowBatchInferenceTest {

    private static final JsonNode INPUT = json("{\"model\": \"credit-risk\", \"inputPrefix\": \"batch/credit-risk/in/\","
            + " \"outputPrefix\": \"batch/credit-risk/out/run-1/\", \"rowsPerItem\": 10}");

    @TempDir
    Path dir;

    private ArtifactStore store;
    private StubPipeline stubs;

    @BeforeEach
    void setUp() {
        store = new FileSystemArtifactStore(dir);
        // 2 files x 100 rows, 10 rows per item: 20 items; 5 % tolerated = 1 item.
        for (String file : new String[] {"a.csv", "b.csv"}) {
            StringBuilder csv = new StringBuilder("age,income\n");
            for (int i = 0; i < 100; i++) {
                csv.append(20 + i % 50).append(',').append(1000 * i).append('\n');
            }
            store.put("batch/credit-risk/in/" + file, csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        stubs = new StubPipeline(null, START, store);
    }

    @Test
    void allItemsScore_outputPerItem_resultsWritten() {
        ExecutionResult result = stubs.workflows.run("batch-inference", "batch-1", INPUT);

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), result::cause);
        assertEquals(200, result.output().path("plan").path("rows").asInt());
        assertEquals(20, result.output().path("plan").path("items").asInt());
        assertEquals(20, store.list("batch/credit-risk/out/run-1/scores/").size());
        String manifestKey = result.output().path("scoring").path("ResultWriterDetails").path("Key").asText();
        assertTrue(manifestKey.startsWith("batch/credit-risk/out/run-1/results/"), manifestKey);
        JsonNode manifest = json(store.require(manifestKey).text());
        assertEquals(1, manifest.path("ResultFiles").path("SUCCEEDED").size());
        assertEquals(0, manifest.path("ResultFiles").path("FAILED").size());
    }

    @Test
    void oneItemFails_withinFivePercent_succeeds_failureInTheResults() {
        stubs.batch.failing.add("batch/credit-risk/in/a.csv#30");

        ExecutionResult result = stubs.workflows.run("batch-inference", "batch-2", INPUT);

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), result::cause);
        assertEquals(19, store.list("batch/credit-risk/out/run-1/scores/").size());
        JsonNode manifest = json(store.require(result.output().path("scoring").path("ResultWriterDetails").path("Key").asText()).text());
        JsonNode failed = json(store.require(manifest.path("ResultFiles").path("FAILED").path(0).path("Key").asText()).text());
        assertEquals(1, failed.size());
        assertEquals("java.lang.IllegalStateException", failed.path(0).path("Error").asText());
        assertEquals(0, stubs.count("record-failure"));
    }

    @Test
    void twoItemsFail_beyondFivePercent_runFails_recordedAndNotified() {
        stubs.batch.failing.add("batch/credit-risk/in/a.csv#30");
        stubs.batch.failing.add("batch/credit-risk/in/b.csv#0");

        ExecutionResult result = stubs.workflows.run("batch-inference", "batch-3", INPUT);

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertEquals("States.ExceedToleratedFailureThreshold", result.error());
        assertEquals("States.ExceedToleratedFailureThreshold", stubs.payloads("record-failure").get(0).path("error").asText());
        assertEquals("RUN_FAILED", json(stubs.notifications.get(0).message()).path("event").asText());
    }
}
