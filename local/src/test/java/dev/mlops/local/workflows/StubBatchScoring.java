package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.store.ArtifactStore;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * plan-batch and score-batch as the contract describes them, over an artifact store, without a model: PlanBatch
 * counts the rows of each CSV/JSONL file under the input prefix and writes the manifest of row ranges; ScoreBatch
 * reads its range, gives every row a deterministic pseudo-score and writes one CSV of scores per item. Items named
 * in {@link #failing} fail.
 */
public final class StubBatchScoring {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArtifactStore store;
    /** "key#firstRow" of the items that throw. */
    public final Set<String> failing = ConcurrentHashMap.newKeySet();

    public StubBatchScoring(ArtifactStore store) {
        this.store = store;
    }

    /** The two functions by their local names. */
    public Map<String, LocalFunction> functions() {
        return Map.of("plan-batch", this::plan, "score-batch", this::score);
    }

    private JsonNode plan(JsonNode p) {
        String outputPrefix = p.path("outputPrefix").asText();
        int perItem = p.path("rowsPerItem").asInt();
        ArrayNode items = JSON.createArrayNode();
        long rows = 0;
        for (String key : store.list(p.path("inputPrefix").asText())) {
            if (!key.endsWith(".csv") && !key.endsWith(".jsonl")) {
                continue;
            }
            long n = dataRows(key, lines(key));
            for (long first = 0; first < n; first += perItem) {
                items.addObject().put("key", key).put("firstRow", first).put("lastRow", Math.min(n, first + perItem) - 1);
            }
            rows += n;
        }
        String manifest = outputPrefix + "items.json";
        store.put(manifest, items.toString().getBytes(StandardCharsets.UTF_8));
        return JSON.createObjectNode().put("manifestKey", manifest).put("items", items.size()).put("rows", rows);
    }

    private JsonNode score(JsonNode p) {
        String outputPrefix = p.path("BatchInput").path("outputPrefix").asText();
        JsonNode item = p.path("Items").path(0);
        String key = item.path("key").asText();
        long first = item.path("firstRow").asLong();
        long last = item.path("lastRow").asLong();
        if (failing.contains(key + "#" + first)) {
            throw new IllegalStateException("cannot score rows " + first + ".." + last + " of " + key);
        }
        String[] lines = lines(key);
        int header = key.endsWith(".csv") ? 1 : 0;
        StringBuilder out = new StringBuilder("row,probability\n");
        for (long r = first; r <= last; r++) {
            String line = lines[(int) r + header];
            out.append(r).append(',').append(String.format(Locale.ROOT, "%.4f", pseudoScore(line))).append('\n');
        }
        String base = key.substring(key.lastIndexOf('/') + 1);
        String outputKey = outputPrefix + "scores/" + base + "-" + first + ".csv";
        store.put(outputKey, out.toString().getBytes(StandardCharsets.UTF_8));
        ObjectNode result = JSON.createObjectNode();
        result.put("key", key).put("firstRow", first).put("lastRow", last).put("rows", last - first + 1)
                .put("outputKey", outputKey).put("version", "v1");
        return result;
    }

    /** A number in (0, 1) from the row's fields: a stand-in for the model, cheap and deterministic. */
    private static double pseudoScore(String line) {
        double sum = 0;
        for (String field : line.split(",")) {
            sum += field.hashCode() % 1000;
        }
        return 1 / (1 + Math.exp(-sum / 1e4));
    }

    private String[] lines(String key) {
        return store.require(key).text().split("\n");
    }

    private static long dataRows(String key, String[] lines) {
        long n = 0;
        for (String line : lines) {
            if (!line.isBlank()) {
                n++;
            }
        }
        return key.endsWith(".csv") ? n - 1 : n;
    }
}
