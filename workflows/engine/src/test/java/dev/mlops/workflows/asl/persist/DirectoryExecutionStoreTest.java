package dev.mlops.workflows.asl.persist;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.eval.HistoryEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import static dev.mlops.workflows.asl.Asl.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One folder per execution, atomic replaces, torn history lines tolerated. */
class DirectoryExecutionStoreTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ARN = "arn:aws:states:local:000000000000:execution:training-pipeline:retrain-m/2026.01";

    @TempDir
    Path dir;

    @Test
    void create_twice_secondIsRefused() {
        DirectoryExecutionStore store = new DirectoryExecutionStore(dir);
        assertTrue(store.create(ExecutionRecord.running(ARN, "training-pipeline", "retrain-m/2026.01", json("{}"), "{}", T)));
        assertFalse(store.create(ExecutionRecord.running(ARN, "training-pipeline", "retrain-m/2026.01", json("{}"), null, T)));
        assertTrue(Files.isDirectory(dir.resolve("training-pipeline").resolve("retrain-m%2F2026%2E01")), "names are escaped");
    }

    @Test
    void roundTrip_recordCheckpointHistory() {
        DirectoryExecutionStore store = new DirectoryExecutionStore(dir);
        ExecutionRecord record = ExecutionRecord.running(ARN, "training-pipeline", "retrain-m/2026.01", json("{\"a\": 1}"), "{\"StartAt\": \"x\"}", T);
        store.create(record);
        ObjectNode details = JsonNodeFactory.instance.objectNode().put("name", "S");
        store.append(ARN, new HistoryEvent(1, 0, T, "ExecutionStarted", "executionStartedEventDetails", details));
        Checkpoint checkpoint = new Checkpoint("Approve", json("{\"b\": 2}"), 5, T, 1,
                new Checkpoint.Parked("tok", "arn:aws:states:::lambda:invoke.waitForTaskToken", T, T.plusSeconds(60), null));
        store.checkpoint(ARN, checkpoint);
        ExecutionRecord ended = record.withEnd(ExecutionRecord.Status.SUCCEEDED, T.plusSeconds(5), json("{\"ok\": true}"), null, null);
        store.update(ended);

        DirectoryExecutionStore reopened = new DirectoryExecutionStore(dir);
        assertEquals(ended, reopened.find(ARN).orElseThrow());
        assertEquals(checkpoint, reopened.checkpoint(ARN).orElseThrow());
        assertEquals("ExecutionStarted", reopened.history(ARN).get(0).type());
        assertEquals(1, reopened.list().size());
        assertEquals("arn:aws:states:local:000000000000:stateMachine:training-pipeline", ended.stateMachineArn());
    }

    @Test
    void history_tornLastLine_isIgnored() throws IOException {
        DirectoryExecutionStore store = new DirectoryExecutionStore(dir);
        store.create(ExecutionRecord.running(ARN, "training-pipeline", "retrain-m/2026.01", json("{}"), null, T));
        store.append(ARN, new HistoryEvent(1, 0, T, "ExecutionStarted", null, JsonNodeFactory.instance.objectNode()));
        Path history = dir.resolve("training-pipeline").resolve("retrain-m%2F2026%2E01").resolve("history.jsonl");
        Files.writeString(history, "{\"id\": 2, \"previousEv", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(1, store.history(ARN).size());
    }

    @Test
    void atomicDurability_sameFiles() {
        DirectoryExecutionStore store = new DirectoryExecutionStore(dir, DirectoryExecutionStore.Durability.ATOMIC);
        ExecutionRecord record = ExecutionRecord.running(ARN, "training-pipeline", "retrain-m/2026.01", json("{}"), null, T);
        store.create(record);
        store.checkpoint(ARN, new Checkpoint("S", json("{}"), 2, T, 0, null));
        assertEquals(record, new DirectoryExecutionStore(dir).find(ARN).orElseThrow());
        assertEquals("S", new DirectoryExecutionStore(dir).checkpoint(ARN).orElseThrow().stateName());
    }

    @Test
    void list_skipsAFolderWithoutRecord() throws IOException {
        Files.createDirectories(dir.resolve("m").resolve("half-created"));
        assertEquals(0, new DirectoryExecutionStore(dir).list().size());
    }
}
