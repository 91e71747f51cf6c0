package dev.mlops.pipeline.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.Json;
import dev.mlops.pipeline.CaptureWriter;
import dev.mlops.pipeline.ChurnData;
import dev.mlops.pipeline.PipelineFixture;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.pipeline.drift.StoreMetricLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A second model with other features (two categorical) through Register, Evaluate and DriftCheck, no code change. */
class ChurnModelTest {

    private static final String MODEL = "churn";

    @TempDir
    Path dir;

    @Test
    void churn_registerEvaluateDrift_sameTasks() {
        PipelineFixture f = new PipelineFixture(dir);
        f.train(PipelineFixture.CHURN, "churn-1", 1, ChurnData.csv(ChurnData.rows(1, 4000, 0.5)));
        f.train(PipelineFixture.CHURN, "churn-2", 2, ChurnData.csv(ChurnData.rows(2, 4000, 0.5)));

        Map<String, Object> registered = new RegisterTask(f.context).run(new TaskInput("register",
                Map.of("model", MODEL, "runId", "churn-1", "initiator", "ds-carol")));
        assertEquals("v1", registered.get("version"));
        assertEquals(List.of(25, 100), ((Map<?, ?>) registered.get("policy")).get("steps"));
        assertEquals("PASS", new EvaluateTask(f.context).run(new TaskInput("evaluate", Map.of("model", MODEL, "version", "v1")))
                .get("verdict"));
        f.makeChampion(MODEL, "v1");

        new RegisterTask(f.context).run(new TaskInput("register", Map.of("model", MODEL, "runId", "churn-2", "initiator", "ds-carol")));
        Map<String, Object> second = new EvaluateTask(f.context).run(new TaskInput("evaluate", Map.of("model", MODEL, "version", "v2")));
        assertEquals("PASS", second.get("verdict"), second.toString());
        JsonNode psi = Json.tree(f.store.require((String) second.get("evidenceKey")).bytes(), "evidence").get("trainingDataPsi");
        assertEquals(4, psi.size());

        CaptureWriter capture = new CaptureWriter(f.store, MODEL);
        DriftCheckTask drift = new DriftCheckTask(f.context, new StoreMetricLines(f.store));
        serve(f, capture, 10, 0.5);
        assertEquals("OK", drift.run(new TaskInput("drift-check", Map.of("model", MODEL))).get("verdict"));

        // Far more monthly contracts: categorical drift, which the churn policy wants seen in two windows in a row.
        f.clock.advance(Duration.ofHours(12));
        serve(f, capture, 11, 0.9);
        Map<String, Object> first = drift.run(new TaskInput("drift-check", Map.of("model", MODEL)));
        assertEquals("WARN", first.get("verdict"), first.toString());
        assertTrue(first.get("reasons").toString().contains("contract beyond [psi]"), first.toString());
        f.clock.advance(Duration.ofHours(12));
        serve(f, capture, 12, 0.9);
        Map<String, Object> persistent = drift.run(new TaskInput("drift-check", Map.of("model", MODEL)));
        assertEquals("DRIFT", persistent.get("verdict"), persistent.toString());
        assertEquals(2, persistent.get("consecutive"));
        JsonNode contract = null;
        for (JsonNode v : Json.tree(f.store.require((String) persistent.get("reportKey")).bytes(), "report").get("variables")) {
            contract = v.get("name").asText().equals("contract") ? v : contract;
        }
        assertTrue(contract.get("cramersV").asDouble() > 0.1 && contract.get("chiPValue").asDouble() < 1e-6, String.valueOf(contract));
    }

    private static void serve(PipelineFixture f, CaptureWriter capture, long seed, double monthlyShare) {
        List<ChurnData.Row> rows = ChurnData.rows(seed, 1000, monthlyShare);
        capture.serve("v1", "champion", rows.stream().map(ChurnData.Row::features).toList(), List.of(),
                f.clock.instant().minus(Duration.ofHours(1)), Duration.ofSeconds(3), 4.0);
    }
}
