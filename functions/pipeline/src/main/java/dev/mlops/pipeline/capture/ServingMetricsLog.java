package dev.mlops.pipeline.capture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.Json;
import dev.mlops.store.ArtifactStore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Request and error counts per variant from the serving function's EMF lines under
 * {@code metrics/inference/dt=YYYY-MM-DD/}. Locally those lines are files in the store; in AWS they go to
 * CloudWatch only, so this finds none there and the canary analysis reports the error-rate check as not
 * evaluated (a CloudWatch GetMetricData source is the follow-up, issue 7).
 */
public final class ServingMetricsLog {

    private final ArtifactStore store;

    public ServingMetricsLog(ArtifactStore store) {
        this.store = store;
    }

    /** Requests and failed requests of one variant. */
    public record Counts(long requests, long errors) {
        Counts plus(long r, long e) {
            return new Counts(requests + r, errors + e);
        }
    }

    /** Counts per variant label of {@code model}'s requests in {@code [from, to)}. */
    public Map<String, Counts> counts(String model, Instant from, Instant to) {
        Map<String, Counts> counts = new HashMap<>();
        LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
            for (String key : store.list("metrics/inference/dt=" + day + "/")) {
                for (String line : store.require(key).text().split("\n")) {
                    add(line, model, from, to, counts);
                }
            }
        }
        return counts;
    }

    private static void add(String line, String model, Instant from, Instant to, Map<String, Counts> counts) {
        if (line.isBlank() || !line.contains("\"Requests\"")) {
            return;
        }
        JsonNode node;
        try {
            node = Json.tree(line.getBytes(StandardCharsets.UTF_8), "metric line");
        } catch (RuntimeException torn) {
            return;
        }
        Instant at = Instant.ofEpochMilli(node.path("_aws").path("Timestamp").asLong());
        if (!model.equals(node.path("Model").asText()) || at.isBefore(from) || !at.isBefore(to)) {
            return;
        }
        counts.merge(node.path("Variant").asText(), new Counts(node.path("Requests").asLong(), node.path("Errors").asLong()),
                (a, b) -> a.plus(b.requests(), b.errors()));
    }
}
