package dev.mlops.pipeline.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.Json;
import dev.mlops.pipeline.CaptureWriter;
import dev.mlops.pipeline.PipelineFixture;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.registry.Deployment;
import dev.mlops.registry.ModelStatus;
import dev.mlops.trainer.data.DriftKnobs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DeployCanary, AnalyzeCanary, Promote and Rollback over real models and real capture files. */
class CanaryTasksTest {

    private static final String MODEL = "credit-risk";
    private static final Duration BAKE = Duration.ofSeconds(300);
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
        template.train("run-1", 1, 4000, DriftKnobs.none());                                                  // v1
        template.train("run-2", 2, 4000, DriftKnobs.none());                                                  // v2: as good
        template.train("run-3", 3, 4000, new DriftKnobs(Map.of(), Map.of(), Map.of(), 0, PipelineFixture.NOISE)); // v3: chance
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

    /** Serves one bake of traffic split by weight, with feedback for every prediction, then moves the clock. */
    private void bake(String challenger, int weight, int requests, long seed) {
        Instant start = f.clock.instant().plusSeconds(1);
        int toChallenger = requests * weight / 100;
        capture.serve(challenger, "challenger", toChallenger, toChallenger, seed, DriftKnobs.none(), start, SPACING, 4.0);
        capture.serve("v1", "champion", requests - toChallenger, requests - toChallenger, seed + 1, DriftKnobs.none(), start, SPACING, 4.0);
        f.clock.advance(BAKE);
    }

    @Test
    void goodChallenger_allSteps_promotedByCompareAndSwap() {
        setUp("v2");
        int[] weights = {10, 50, 100};
        Map<String, Object> verdict = null;
        for (int step = 0; step < 3; step++) {
            Map<String, Object> deployed = deploy("v2", step);
            assertEquals(weights[step], deployed.get("weight"));
            bake("v2", weights[step], 2000, 10 + step);
            verdict = analyze("v2", deployed, 0);
            assertEquals(step < 2 ? "NEXT_STEP" : "PROMOTE", verdict.get("verdict"), verdict.toString());
        }
        assertEquals(2, verdict.get("stepIndex"));
        JsonNode report = Json.tree(f.store.require((String) verdict.get("reportKey")).bytes(), "report");
        assertTrue(report.get("championWindow").asText().startsWith("whole canary"), report.toString());
        assertEquals(4, report.get("checks").size(), report.get("checks").toString()); // error, latency, score PSI, KPI

        long revision = f.deployment(MODEL).revision();
        Map<String, Object> promoted = new PromoteTask(f.context).run(new TaskInput("promote", Map.of("model", MODEL, "version", "v2")));

        assertEquals("v2", promoted.get("champion"));
        assertEquals(revision + 1, promoted.get("revision"));
        assertEquals(ModelStatus.CHAMPION, f.registry().requireVersion(MODEL, "v2").status());
        assertEquals(ModelStatus.RETIRED, f.registry().requireVersion(MODEL, "v1").status());
        assertEquals(promoted, new PromoteTask(f.context).run(new TaskInput("promote", Map.of("model", MODEL, "version", "v2"))));
    }

    @Test
    void chanceChallenger_firstStep_rolledBackOnScoresAndFeedback() {
        setUp("v3");
        Map<String, Object> deployed = deploy("v3", 0);
        bake("v3", 10, 3000, 20);

        Map<String, Object> verdict = analyze("v3", deployed, 0);

        assertEquals("ROLLBACK", verdict.get("verdict"));
        @SuppressWarnings("unchecked")
        List<String> reasons = (List<String>) verdict.get("reasons");
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("score PSI")), reasons.toString());
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
    void littleTraffic_extendsThenRollsBackAfterMaxExtensions() {
        setUp("v2");
        Map<String, Object> deployed = deploy("v2", 0);
        bake("v2", 10, 500, 30); // 50 challenger requests, policy minimum 100

        Map<String, Object> first = analyze("v2", deployed, 0);
        assertEquals("EXTEND", first.get("verdict"));
        assertEquals(1, first.get("extensions"));
        assertEquals(0, first.get("stepIndex"));

        Map<String, Object> last = analyze("v2", deployed, 2);
        assertEquals("ROLLBACK", last.get("verdict"));
        assertTrue(last.get("reasons").toString().contains("after 2 extensions"), last.toString());
    }

    @Test
    void moreErrors_challenger_rolledBackOnErrorRateRatio() {
        setUp("v2");
        Map<String, Object> deployed = deploy("v2", 0);
        Instant start = f.clock.instant().plusSeconds(1);
        bake("v2", 10, 2000, 40);
        capture.errors("challenger", 40, start.plusSeconds(5)); // 40 of 240 challenger requests fail
        capture.errors("champion", 2, start.plusSeconds(5));

        Map<String, Object> verdict = analyze("v2", deployed, 0);

        assertEquals("ROLLBACK", verdict.get("verdict"));
        assertTrue(verdict.get("reasons").toString().contains("error-rate ratio"), verdict.toString());
    }

    @Test
    void firstRelease_noChampion_fullTrafficThenPromoted() {
        f = PipelineFixture.copyOf(template, dir);
        capture = new CaptureWriter(f.store, MODEL);
        f.approve(MODEL, "v1");

        Map<String, Object> deployed = deploy("v1", 0);
        assertEquals(100, deployed.get("weight"));
        capture.serve("v1", "challenger", 150, 0, 50, DriftKnobs.none(), f.clock.instant().plusSeconds(1), SPACING, 4.0);
        f.clock.advance(BAKE);
        Map<String, Object> in = new HashMap<>(Map.of("model", MODEL, "version", "v1", "stepIndex", 2, "extensions", 0,
                "since", deployed.get("deployedAt")));

        assertEquals("PROMOTE", new AnalyzeCanaryTask(f.context).run(new TaskInput("analyze-canary", in)).get("verdict"));
        new PromoteTask(f.context).run(new TaskInput("promote", Map.of("model", MODEL, "version", "v1")));
        assertEquals("v1", f.deployment(MODEL).champion());
    }

    @Test
    void demoProfile_lowMinimum_judgesSmallTraffic() {
        setUp("v2");
        Map<String, Object> deployed = deploy("v2", 0);
        bake("v2", 10, 500, 60); // 50 challenger requests: enough for the demo profile's minimum of 30
        Map<String, Object> in = new HashMap<>(Map.of("model", MODEL, "version", "v2", "stepIndex", 0, "extensions", 0,
                "since", deployed.get("deployedAt"), "policyProfile", "demo"));

        assertEquals("NEXT_STEP", new AnalyzeCanaryTask(f.context).run(new TaskInput("analyze-canary", in)).get("verdict"));
    }
}
