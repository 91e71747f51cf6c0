package dev.mlops.pipeline.kpi;

import dev.mlops.model.ModelConfig;
import dev.mlops.pipeline.PipelineFixture;
import dev.mlops.pipeline.capture.CaptureLog;
import dev.mlops.store.fs.FileSystemArtifactStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class KpiReportTest {

    @TempDir
    Path dir;

    private static String prediction(String id, String version, String time, double p) {
        return "{\"type\":\"prediction\",\"predictionId\":\"" + id + "\",\"model\":\"credit-risk\",\"version\":\"" + version
                + "\",\"variant\":\"champion\",\"time\":\"" + time + "\",\"latencyMs\":2.5,\"inputs\":{\"age\":41.0},"
                + "\"probability\":" + p + ",\"label\":\"" + (p >= 0.5 ? "1" : "0") + "\"}";
    }

    private static String feedback(String id, String outcome, String time) {
        return "{\"type\":\"feedback\",\"predictionId\":\"" + id + "\",\"model\":\"credit-risk\",\"outcome\":\"" + outcome
                + "\",\"time\":\"" + time + "\"}";
    }

    @Test
    void joinedFeedback_report_handComputedPerVersionAndDay() {
        FileSystemArtifactStore store = new FileSystemArtifactStore(dir);
        String day1 = String.join("\n",
                prediction("a", "v1", "2026-11-26T10:00:00Z", 0.9),
                prediction("b", "v1", "2026-11-26T10:00:01Z", 0.8),
                prediction("c", "v1", "2026-11-26T10:00:02Z", 0.3),
                prediction("d", "v1", "2026-11-26T10:00:03Z", 0.1),
                prediction("e", "v1", "2026-11-26T10:00:04Z", 0.2),
                prediction("f", "v2", "2026-11-26T11:00:00Z", 0.7),
                "{\"type\":\"prediction\",\"torn", "");
        String day2 = String.join("\n",
                feedback("a", "1", "2026-11-27T09:00:00Z"),
                feedback("b", "0", "2026-11-27T09:00:00Z"),
                feedback("c", "1", "2026-11-27T09:00:00Z"),
                feedback("d", "0", "2026-11-27T09:00:00Z"),
                feedback("f", "0", "2026-11-27T09:00:00Z"),
                feedback("zz", "0", "2026-11-27T09:00:00Z"), "");
        store.put("capture/credit-risk/dt=2026-11-26/i-1.jsonl", day1.getBytes(StandardCharsets.UTF_8));
        store.put("capture/credit-risk/dt=2026-11-27/i-1.jsonl", day2.getBytes(StandardCharsets.UTF_8));
        ModelConfig config = ModelConfig.load(PipelineFixture.CREDIT_RISK);

        KpiReport.Report report = KpiReport.of(new CaptureLog(store), "credit-risk", Instant.parse("2026-11-26T00:00:00Z"),
                Instant.parse("2026-11-28T00:00:00Z"), version -> config);

        KpiReport.Row v1 = report.byVersion().get(0);
        assertEquals("v1", v1.version());
        assertEquals(5, v1.predictions());
        assertEquals(4, v1.labelled());
        // Positives 0.9 and 0.3, negatives 0.8 and 0.1: 3 of 4 pairs ranked right.
        assertEquals(0.75, v1.auc(), 1e-12);
        // 0.9/1 TP, 0.8/0 FP, 0.3/1 FN, 0.1/0 TN.
        assertEquals(0.5, v1.accuracy(), 1e-12);
        assertEquals(0 - 300 - 2000 + 300, v1.value(), 1e-9);
        assertEquals(-500, v1.valuePerLabel(), 1e-9);
        KpiReport.Row v2 = report.byVersion().get(1);
        assertEquals(1, v2.labelled());
        assertNull(v2.auc()); // one outcome only
        assertEquals(-300, v2.value(), 1e-9);
        assertEquals("2026-11-26", report.byDay().get(0).day());
        assertEquals(1, report.unmatchedFeedback());
    }
}
