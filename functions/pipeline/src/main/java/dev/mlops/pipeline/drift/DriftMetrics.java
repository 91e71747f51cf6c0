package dev.mlops.pipeline.drift;

import dev.mlops.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch Embedded Metric Format lines of one drift check: one per variable (dimensions Model, Feature: PSI
 * and KS) and one summary (dimension Model: Rows, DriftedFeatures, Drift as 0/1), namespace {@value #NAMESPACE}.
 */
public final class DriftMetrics {

    public static final String NAMESPACE = "Mlops/Drift";

    private DriftMetrics() {
    }

    public static List<String> lines(String model, Instant at, long rows, List<VariableDrift> variables, DriftVerdict verdict) {
        List<String> lines = new ArrayList<>();
        for (VariableDrift v : variables) {
            Map<String, Object> line = envelope(at, List.of("Model", "Feature"), v.ks() == null ? List.of("PSI") : List.of("PSI", "KS"));
            line.put("Model", model);
            line.put("Feature", v.name());
            line.put("PSI", v.psi());
            if (v.ks() != null) {
                line.put("KS", v.ks());
            }
            lines.add(Json.compact(line));
        }
        Map<String, Object> summary = envelope(at, List.of("Model"), List.of("Rows", "DriftedFeatures", "Drift"));
        summary.put("Model", model);
        summary.put("Rows", rows);
        summary.put("DriftedFeatures", variables.stream().filter(VariableDrift::isDrifted).count());
        summary.put("Drift", verdict instanceof DriftVerdict.Drift ? 1 : 0);
        summary.put("Verdict", verdict.name());
        lines.add(Json.compact(summary));
        return lines;
    }

    private static Map<String, Object> envelope(Instant at, List<String> dimensions, List<String> metrics) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", at.toEpochMilli(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE, "Dimensions", List.of(dimensions),
                "Metrics", metrics.stream().map(m -> Map.of("Name", m, "Unit", m.equals("Rows") || m.startsWith("Drift") ? "Count" : "None")).toList()))));
        line.put("type", "metric");
        return line;
    }
}
