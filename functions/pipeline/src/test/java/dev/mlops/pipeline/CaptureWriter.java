package dev.mlops.pipeline;

import dev.mlops.Json;
import dev.mlops.packaging.ModelPackages;
import dev.mlops.pipeline.batch.PackageScorer;
import dev.mlops.store.ArtifactStore;
import dev.mlops.trainer.data.Applicant;
import dev.mlops.trainer.data.CreditRiskGenerator;
import dev.mlops.trainer.data.DriftKnobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes capture files as the inference function does ({@code PredictionService}'s line format, one file per
 * instance under {@code capture/{model}/dt=YYYY-MM-DD/}), with probabilities from the real model in ONNX Runtime
 * and feedback from the generator's true labels; plus serving-metric EMF lines.
 */
public final class CaptureWriter {

    private final ArtifactStore store;
    private final String model;
    private int files;
    private long ids;

    public CaptureWriter(ArtifactStore store, String model) {
        this.store = store;
        this.model = model;
    }

    /**
     * Writes {@code n} predictions of {@code version} served as {@code variant}, one every {@code spacing} from
     * {@code start}, with feedback for the first {@code labelled} of them; returns the time after the last.
     */
    public Instant serve(String version, String variant, int n, int labelled, long seed, DriftKnobs knobs, Instant start,
                         Duration spacing, double latencyMs) {
        List<Applicant> applicants = new CreditRiskGenerator(seed, knobs).next(n);
        List<Map<String, Object>> records = applicants.stream().map(Applicant::features).toList();
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < labelled; i++) {
            outcomes.add(applicants.get(i).defaulted() ? "1" : "0");
        }
        return serve(version, variant, records, outcomes, start, spacing, latencyMs);
    }

    /**
     * Writes one prediction per record (any model), with feedback {@code outcomes.get(i)} for the first
     * {@code outcomes.size()} of them; returns the time after the last.
     */
    public Instant serve(String version, String variant, List<Map<String, Object>> records, List<String> outcomes, Instant start,
                         Duration spacing, double latencyMs) {
        double[] p;
        List<String> labels;
        try (PackageScorer scorer = new PackageScorer(new ModelPackages(store).read(model, version))) {
            p = scorer.probabilities(records);
            labels = scorer.manifest().output().labels();
        }
        int positive = 1;
        List<String> lines = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        Instant t = start;
        for (int i = 0; i < records.size(); i++) {
            String id = "p-" + (++ids);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "prediction");
            line.put("predictionId", id);
            line.put("model", model);
            line.put("version", version);
            line.put("variant", variant);
            line.put("time", t.toString());
            line.put("latencyMs", latencyMs * (1 + (i % 10) / 20.0));
            line.put("inputs", records.get(i));
            line.put("probability", (float) p[i]);
            line.put("label", labels.get(p[i] >= 0.5 ? positive : 1 - positive));
            lines.add(Json.compact(line));
            if (i < outcomes.size()) {
                lines.add(Json.compact(Map.of("type", "feedback", "predictionId", id, "model", model,
                        "outcome", outcomes.get(i), "time", t.plusSeconds(1).toString())));
            }
            metrics.add(metric(variant, t, 0));
            t = t.plus(spacing);
        }
        put("capture/" + model + "/dt=" + start.toString().substring(0, 10) + "/i-test" + (++files) + ".jsonl", lines);
        put("metrics/inference/dt=" + start.toString().substring(0, 10) + "/i-test" + files + ".jsonl", metrics);
        return t;
    }

    /** Writes {@code errors} failed requests of {@code variant} at {@code at}. */
    public void errors(String variant, int errors, Instant at) {
        List<String> metrics = new ArrayList<>();
        for (int i = 0; i < errors; i++) {
            metrics.add(metric(variant, at, 1));
        }
        put("metrics/inference/dt=" + at.toString().substring(0, 10) + "/i-err" + (++files) + ".jsonl", metrics);
    }

    private String metric(String variant, Instant at, int error) {
        return "{\"_aws\":{\"Timestamp\":" + at.toEpochMilli() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"Mlops/Inference\","
                + "\"Dimensions\":[[\"Model\",\"Variant\"]],\"Metrics\":[{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"},"
                + "{\"Name\":\"Requests\",\"Unit\":\"Count\"},{\"Name\":\"Errors\",\"Unit\":\"Count\"}]}]},"
                + "\"type\":\"metric\",\"Model\":\"" + model + "\",\"Variant\":\"" + variant + "\",\"Latency\":3.0,"
                + "\"Requests\":1,\"Errors\":" + error + "}";
    }

    private void put(String key, List<String> lines) {
        store.put(key, (String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
