package dev.mlops.pipeline.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.Json;
import dev.mlops.pipeline.CaptureWriter;
import dev.mlops.pipeline.ChurnData;
import dev.mlops.pipeline.PipelineFixture;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.registry.Deployment;
import dev.mlops.registry.ModelStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second model config (churn: steps 25 -> 100, bake 600 s, minimum 200 requests and 200 labels per variant)
 * through DeployCanary, AnalyzeCanary, Promote and Rollback with no code change: real churn models, capture lines
 * in the inference function's format scored by those models, feedback in churn's own labels ("yes"/"no").
 */
class ChurnCanaryTest {

    private static final String MODEL = "churn";
    private static final Duration BAKE = Duration.ofSeconds(600);
    private static final Duration SPACING = Duration.ofMillis(250);

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
        template.train(PipelineFixture.CHURN, "churn-1", 1, ChurnData.csv(ChurnData.rows(1, 4000, 0.5))); // v1
        template.train(PipelineFixture.CHURN, "churn-2", 2, ChurnData.csv(ChurnData.rows(2, 4000, 0.5))); // v2: as good
        // v3: the same subscribers with labels that ignore every feature (same base rate): ranks at chance.
        SplittableRandom coin = new SplittableRandom(3);
        List<ChurnData.Row> rows = ChurnData.rows(3, 4000, 0.5);
        double rate = rows.stream().filter(ChurnData.Row::churned).count() / (double) rows.size();
        List<ChurnData.Row> noise = rows.stream().map(r -> new ChurnData.Row(r.features(), coin.nextDouble() < rate)).toList();
        template.train(PipelineFixture.CHURN, "churn-3", 3, ChurnData.csv(noise));                          // v3: chance
    }

    private void setUp(String challenger) {
        f = PipelineFixture.copyOf(template, dir);
        capture = new CaptureWriter(f.store, MODEL);
        f.makeChampion(MODEL, "v1");
        f.approve(MODEL, challenger);
    }

    private Map<String, Object> deploy(String version, int step) {
        return new DeployCanaryTask(f.context).run(new TaskInput("deploy-canary", Map.of("model", MODEL, "version", version, "stepIndex", step)));
    }

    private Map<String, Object> analyze(String version, Map<String, Object> deployed, int extensions) {
        Map<String, Object> in = new HashMap<>(Map.of("model", MODEL, "version", version, "stepIndex", deployed.get("stepIndex"),
                "extensions", extensions, "since", deployed.get("deployedAt")));
        return new AnalyzeCanaryTask(f.context).run(new TaskInput("analyze-canary", in));
    }

    /** Serves one bake of churn traffic split by weight, feedback ("yes"/"no") for every prediction, then moves the clock. */
    private void bake(String challenger, int weight, int requests, long seed) {
        Instant start = f.clock.instant().plusSeconds(1);
        int toChallenger = requests * weight / 100;
        serve(challenger, "challenger", toChallenger, seed, start);
        serve("v1", "champion", requests - toChallenger, seed + 1, start);
        f.clock.advance(BAKE);
    }

    private void serve(String version, String variant, int n, long seed, Instant start) {
        if (n == 0) {
            return;
        }
        List<ChurnData.Row> rows = ChurnData.rows(seed, n, 0.5);
        capture.serve(version, variant, rows.stream().map(ChurnData.Row::features).toList(),
                rows.stream().map(r -> r.churned() ? "yes" : "no").toList(), start, SPACING, 4.0);
    }

    @Test
    void goodChallenger_25then100_promotedByCompareAndSwap() {
        setUp("v2");
        int[] weights = {25, 100};
        Map<String, Object> verdict = null;
        for (int step = 0; step < 2; step++) {
            Map<String, Object> deployed = deploy("v2", step);
            assertEquals(weights[step], deployed.get("weight"));
            assertEquals(weights[step], f.deployment(MODEL).challengerWeight());
            bake("v2", weights[step], 2000, 10 + step);
            verdict = analyze("v2", deployed, 0);
            assertEquals(step < 1 ? "NEXT_STEP" : "PROMOTE", verdict.get("verdict"), verdict.toString());
        }
        assertEquals(1, verdict.get("stepIndex"));
        JsonNode report = Json.tree(f.store.require((String) verdict.get("reportKey")).bytes(), "report");
        assertTrue(report.get("championWindow").asText().startsWith("whole canary"), report.toString());
        assertEquals(4, report.get("checks").size(), report.get("checks").toString()); // error, latency, score PSI, KPI
        assertTrue(report.at("/challengerSample/labelled").asInt() >= 200, report.toString());
        assertTrue(report.at("/challengerSample/feedbackAuc").asDouble() > 0.65, report.toString());

        long revision = f.deployment(MODEL).revision();
        Map<String, Object> promoted = new PromoteTask(f.context).run(new TaskInput("promote", Map.of("model", MODEL, "version", "v2")));

        assertEquals("v2", promoted.get("champion"));
        assertEquals(revision + 1, promoted.get("revision"));
        assertEquals(ModelStatus.CHAMPION, f.registry().requireVersion(MODEL, "v2").status());
        assertEquals(ModelStatus.RETIRED, f.registry().requireVersion(MODEL, "v1").status());
    }

    @Test
    void chanceChallenger_firstStep_rolledBackOnFeedback() {
        setUp("v3");
        Map<String, Object> deployed = deploy("v3", 0);
        assertEquals(25, deployed.get("weight"));
        bake("v3", 25, 2000, 20);

        Map<String, Object> verdict = analyze("v3", deployed, 0);

        assertEquals("ROLLBACK", verdict.get("verdict"), verdict.toString());
        @SuppressWarnings("unchecked")
        List<String> reasons = (List<String>) verdict.get("reasons");
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("feedback AUC drop")), reasons.toString());

        Map<String, Object> rolledBack = new RollbackTask(f.context).run(new TaskInput("rollback",
                Map.of("model", MODEL, "version", "v3", "reasons", reasons)));
        assertEquals("ROLLED_BACK", rolledBack.get("status"));
        Deployment deployment = f.deployment(MODEL);
        assertEquals("v1", deployment.champion());
        assertNull(deployment.challenger());
        assertEquals(ModelStatus.CHAMPION, f.registry().requireVersion(MODEL, "v1").status());
    }

    @Test
    void littleTraffic_churnMinimums_extendOnceThenRollBack() {
        setUp("v2");
        Map<String, Object> deployed = deploy("v2", 0);
        bake("v2", 25, 600, 30); // 150 challenger requests, churn's minimum is 200

        Map<String, Object> first = analyze("v2", deployed, 0);
        assertEquals("EXTEND", first.get("verdict"), first.toString());
        assertEquals(1, first.get("extensions"));

        Map<String, Object> last = analyze("v2", deployed, 1); // churn allows one extension
        assertEquals("ROLLBACK", last.get("verdict"), last.toString());
        assertTrue(last.get("reasons").toString().contains("after 1 extension"), last.toString());
    }
}
