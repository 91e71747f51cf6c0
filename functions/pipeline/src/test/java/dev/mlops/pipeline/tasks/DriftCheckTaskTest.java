package dev.mlops.pipeline.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.Json;
import dev.mlops.drift.Baseline;
import dev.mlops.drift.Histogram;
import dev.mlops.pipeline.CaptureWriter;
import dev.mlops.pipeline.PipelineFixture;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.pipeline.drift.StoreMetricLines;
import dev.mlops.trainer.data.DriftKnobs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DriftCheck against the champion's frozen baseline, on capture files of real model scores. */
class DriftCheckTaskTest {

    private static final String MODEL = "credit-risk";
    /** debt_ratio is about Normal(0.35, 0.18): +0.09 is half a standard deviation. */
    private static final double HALF_SD = 0.09;

    @TempDir
    static Path templateDir;
    static PipelineFixture template;

    @TempDir
    Path dir;
    PipelineFixture f;
    CaptureWriter capture;

    @BeforeAll
    static void train() {
        template = new PipelineFixture(templateDir);
        template.train("run-1", 1, 4000, DriftKnobs.none());
    }

    private void setUp() {
        f = PipelineFixture.copyOf(template, dir);
        capture = new CaptureWriter(f.store, MODEL);
        f.makeChampion(MODEL, "v1");
    }

    private Map<String, Object> check(Map<String, Object> extra) {
        Map<String, Object> in = new HashMap<>(Map.of("model", MODEL));
        in.putAll(extra);
        return new DriftCheckTask(f.context, new StoreMetricLines(f.store)).run(new TaskInput("drift-check", in));
    }

    /** Serves {@code n} rows spread over the hour before the clock, then returns the clock time. */
    private void serve(int n, long seed, DriftKnobs knobs) {
        capture.serve("v1", "champion", n, 0, seed, knobs, f.clock.instant().minus(Duration.ofHours(1)),
                Duration.ofMillis(3_600_000L / n), 4.0);
    }

    @Test
    void cleanTraffic_check_okWithReportAndMetrics() {
        setUp();
        f.store.put("datasets/credit-risk/2026-11-01.csv", new byte[] {1});
        f.store.put("datasets/credit-risk/2026-11-20.csv", new byte[] {1});
        serve(5000, 100, DriftKnobs.none());

        Map<String, Object> result = check(Map.of());

        assertEquals("OK", result.get("verdict"), result.toString());
        assertEquals(5000L, result.get("rows"));
        assertEquals("datasets/credit-risk/2026-11-20.csv", result.get("dataset"));
        JsonNode report = Json.tree(f.store.require((String) result.get("reportKey")).bytes(), "report");
        assertEquals(11, report.get("variables").size()); // 10 features and the score
        Baseline baseline = f.context.packages().readManifest(MODEL, "v1").baseline();
        for (JsonNode variable : report.get("variables")) {
            String name = variable.get("name").asText();
            Histogram expected = name.equals("score") ? baseline.score() : baseline.features().get(name);
            long live = 0;
            for (JsonNode c : variable.get("counts")) {
                live += c.asLong();
            }
            assertEquals(expected.counts().size(), variable.get("counts").size(), name + ": one live count per baseline bin");
            assertEquals(variable.get("rows").asLong(), live, name + ": live counts add up to the counted rows");
        }
        List<String> metricKeys = f.store.list("metrics/pipeline/");
        assertEquals(1, metricKeys.size());
        String lines = f.store.require(metricKeys.get(0)).text();
        assertTrue(lines.contains("\"Namespace\":\"Mlops/Drift\"") && lines.contains("\"Feature\":\"debt_ratio\""), lines);
    }

    @Test
    void shiftedDebtRatio_check_driftNamingTheFeature() {
        setUp();
        serve(5000, 101, DriftKnobs.none().withShift("debt_ratio", HALF_SD));

        Map<String, Object> result = check(Map.of());

        assertEquals("DRIFT", result.get("verdict"), result.toString());
        assertTrue(result.get("reasons").toString().contains("debt_ratio beyond"), result.toString());
        assertTrue(!result.get("reasons").toString().contains("age beyond"), result.toString());
        assertEquals(0, result.get("gpus"), "the champion's trainer.gpus picks the retraining's queue");
    }

    @Test
    void emptyWindow_check_insufficientDataNeverDrift() {
        setUp();
        Map<String, Object> result = check(Map.of());
        assertEquals("INSUFFICIENT_DATA", result.get("verdict"));
        assertEquals(0L, result.get("rows"));
    }

    @Test
    void fewRows_demoProfileLowersMinimum() {
        setUp();
        serve(300, 103, DriftKnobs.none());
        assertEquals("INSUFFICIENT_DATA", check(Map.of()).get("verdict"));
        assertEquals("OK", check(Map.of("policyProfile", "demo")).get("verdict"));
    }

    @Test
    void noChampion_check_insufficientData() {
        f = PipelineFixture.copyOf(template, dir);
        Map<String, Object> result = check(Map.of());
        assertEquals("INSUFFICIENT_DATA", result.get("verdict"));
        // Present with null values: the workflow selects $.Payload.reportKey and $.Payload.dataset.
        assertTrue(result.containsKey("reportKey") && result.containsKey("dataset"), result.toString());
        assertNull(result.get("reportKey"));
        assertEquals(0, result.get("gpus"));
    }

    @Test
    void windowSeconds_limitsTheWindow() {
        setUp();
        capture.serve("v1", "champion", 2000, 0, 104, DriftKnobs.none().withShift("debt_ratio", HALF_SD),
                f.clock.instant().minus(Duration.ofHours(20)), Duration.ofSeconds(1), 4.0);
        assertEquals("DRIFT", check(Map.of()).get("verdict"));
        assertEquals("INSUFFICIENT_DATA", check(Map.of("windowSeconds", 3600)).get("verdict"));
    }
}
