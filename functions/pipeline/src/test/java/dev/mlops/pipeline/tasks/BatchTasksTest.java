package dev.mlops.pipeline.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.Json;
import dev.mlops.packaging.ModelPackages;
import dev.mlops.pipeline.PipelineFixture;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.pipeline.batch.PackageScorer;
import dev.mlops.trainer.data.Applicant;
import dev.mlops.trainer.data.CreditRiskGenerator;
import dev.mlops.trainer.data.DriftKnobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PlanBatch and ScoreBatch over a CSV and a JSON-lines file, scored by the real champion. */
class BatchTasksTest {

    @TempDir
    Path dir;

    @Test
    void planThenScore_everyRowOnceWithTheChampionsProbability() {
        PipelineFixture f = new PipelineFixture(dir);
        f.train("run-1", 1, 3000, DriftKnobs.none());
        f.makeChampion("credit-risk", "v1");
        f.store.put("batch/credit-risk/in/applicants.csv", PipelineFixture.csv(77, 2500, DriftKnobs.none()));
        f.store.put("batch/credit-risk/in/more.jsonl", ("{\"age\": 41, \"income\": 52000, \"employment_years\": 3,"
                + " \"debt_ratio\": 0.3, \"credit_lines\": 4, \"late_payments_12m\": 0, \"loan_amount\": 12000,"
                + " \"loan_term_months\": 36, \"home_owner\": 1, \"purpose\": \"car\"}\n{\"age\": 12}\n").getBytes(StandardCharsets.UTF_8));
        f.store.put("batch/credit-risk/in/README.txt", new byte[] {1});

        Map<String, Object> plan = new PlanBatchTask(f.context).run(new TaskInput("plan-batch", Map.of("model", "credit-risk",
                "inputPrefix", "batch/credit-risk/in/", "outputPrefix", "batch/credit-risk/out/run-1/", "rowsPerItem", 1000)));

        assertEquals("batch/credit-risk/out/run-1/items.json", plan.get("manifestKey"));
        assertEquals(4, plan.get("items"));
        assertEquals(2502L, plan.get("rows"));
        JsonNode items = Json.tree(f.store.require("batch/credit-risk/out/run-1/items.json").bytes(), "manifest");
        assertEquals(1999, items.get(1).get("lastRow").asInt());
        assertEquals(2499, items.get(2).get("lastRow").asInt());

        ScoreBatchTask score = new ScoreBatchTask(f.context);
        Map<String, Object> batchInput = Map.of("model", "credit-risk", "outputPrefix", "batch/credit-risk/out/run-1/");
        Map<String, Object> second = score.run(new TaskInput("score-batch", Map.of("BatchInput", batchInput,
                "Items", List.of(Json.mapper().convertValue(items.get(1), Map.class)))));
        assertEquals(1000, second.get("rows"));
        assertEquals("v1", second.get("version"));

        List<Applicant> applicants = new CreditRiskGenerator(77, DriftKnobs.none()).next(2000);
        double[] expected;
        try (PackageScorer scorer = new PackageScorer(new ModelPackages(f.store).read("credit-risk", "v1"))) {
            expected = scorer.probabilities(applicants.subList(1000, 2000).stream().map(Applicant::features).toList());
        }
        String[] lines = f.store.require((String) second.get("outputKey")).text().split("\n");
        assertEquals(1000, lines.length);
        JsonNode first = Json.tree(lines[0].getBytes(StandardCharsets.UTF_8), "line");
        assertEquals(1000, first.get("row").asInt());
        assertEquals((float) expected[0], (float) first.get("probability").asDouble(), 1e-6);

        Map<String, Object> json = score.run(new TaskInput("score-batch", Map.of("BatchInput", batchInput,
                "Items", List.of(Json.mapper().convertValue(items.get(3), Map.class)))));
        String[] jsonLines = f.store.require((String) json.get("outputKey")).text().split("\n");
        assertEquals(2, jsonLines.length);
        assertTrue(jsonLines[0].contains("\"probability\"") && jsonLines[0].contains("\"row\":0"), jsonLines[0]);
        assertTrue(jsonLines[1].contains("\"error\"") && jsonLines[1].contains("\"row\":1"), jsonLines[1]);
    }
}
