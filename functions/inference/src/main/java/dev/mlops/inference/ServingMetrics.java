package dev.mlops.inference;

import dev.mlops.Json;
import dev.mlops.inference.lines.LineSink;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final LineSink sink;
    private final Clock clock;
    private final String instanceId;

    public ServingMetrics(LineSink sink, Clock clock, String instanceId) {
        this.sink = sink;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    /** One request of {@code variant}: its latency and whether it failed. */
    public void request(String model, String variant, double latencyMs, boolean error) {
        emit(model, variant, Map.of("Latency", "Milliseconds", "Requests", "Count", "Errors", "Count"),
                Map.of("Latency", latencyMs, "Requests", 1, "Errors", error ? 1 : 0));
    }

    /** A capture line that could not be buffered. */
    public void captureDrop(String model, String variant) {
        emit(model, variant, Map.of("CaptureDrops", "Count"), Map.of("CaptureDrops", 1));
    }

    private void emit(String model, String variant, Map<String, String> units, Map<String, Number> values) {
        Instant now = clock.instant();
        List<Map<String, String>> metrics = units.entrySet().stream()
                .map(e -> Map.of("Name", e.getKey(), "Unit", e.getValue())).toList();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", now.toEpochMilli(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE, "Dimensions", List.of(List.of("Model", "Variant")), "Metrics", metrics))));
        line.put("type", "metric");
        line.put("Model", model);
        line.put("Variant", variant);
        line.putAll(values);
        sink.offer("metrics/inference/dt=" + DAY.format(now) + "/" + instanceId + ".jsonl", Json.compact(line));
    }
}
