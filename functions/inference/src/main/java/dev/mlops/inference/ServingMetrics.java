package dev.mlops.inference;

import dev.mlops.Json;
import dev.mlops.inference.lines.LineSink;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch Embedded Metric Format lines, one per request: latency, requests and errors with the dimensions
 * Model and Variant (versions do not exist at synth time, variants do, so alarms can be defined in CDK).
 * In Lambda they go to stdout and CloudWatch extracts the metrics; locally to files the console and CLI read.
 */
public final class ServingMetrics {

    /** The CloudWatch namespace of serving metrics. */
    public static final String NAMESPACE = "Mlops/Inference";

    private final LineSink sink;
    private final Clock clock;
    private final DailyKeys keys;

    public ServingMetrics(LineSink sink, Clock clock, String instanceId) {
        this.sink = sink;
        this.clock = clock;
        this.keys = new DailyKeys("metrics/inference", instanceId + ".jsonl");
    }

    /** One request of {@code variant}: its latency and whether it failed. */
    public void request(String model, String variant, double latencyMs, boolean error) {
        Instant now = clock.instant();
        // Hand-built: the EMF envelope is constant, and this runs on every request.
        StringBuilder line = new StringBuilder(320)
                .append("{\"_aws\":{\"Timestamp\":").append(now.toEpochMilli())
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":\"").append(NAMESPACE)
                .append("\",\"Dimensions\":[[\"Model\",\"Variant\"]],\"Metrics\":[{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"},")
                .append("{\"Name\":\"Requests\",\"Unit\":\"Count\"},{\"Name\":\"Errors\",\"Unit\":\"Count\"}]}]},")
                .append("\"type\":\"metric\",\"Model\":").append(Json.compact(model))
                .append(",\"Variant\":").append(Json.compact(variant))
                .append(",\"Latency\":").append(latencyMs)
                .append(",\"Requests\":1,\"Errors\":").append(error ? 1 : 0).append('}');
        sink.offer(keys.at(now), line.toString());
    }

    /** A capture line that could not be buffered. */
    public void captureDrop(String model, String variant) {
        Instant now = clock.instant();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", now.toEpochMilli(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE, "Dimensions", List.of(List.of("Model", "Variant")),
                "Metrics", List.of(Map.of("Name", "CaptureDrops", "Unit", "Count"))))));
        line.put("type", "metric");
        line.put("Model", model);
        line.put("Variant", variant);
        line.put("CaptureDrops", 1);
        sink.offer(keys.at(now), Json.compact(line));
    }
}
