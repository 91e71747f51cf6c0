package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.store.ArtifactStore;

import java.nio.charset.StandardCharsets;
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
        byte[] bytes = store.require(key).bytes();
        int header = key.endsWith(".csv") ? 1 : 0;
        StringBuilder out = new StringBuilder((int) (last - first + 1) * 16).append("row,probability\n");
        // Walks the bytes once: only the item's rows are looked at, none is copied into a String.
        long line = 0;
        long sum = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            long row = line - header;
            if (b == '\n') {
                if (row >= first && row <= last) {
                    appendScore(out, row, sum);
                }
                if (row >= last) {
                    break;
                }
                line++;
                sum = 0;
            } else if (row >= first && row <= last) {
                sum = sum * 31 + b;
            }
        }
        String base = key.substring(key.lastIndexOf('/') + 1);
        String outputKey = outputPrefix + "scores/" + base + "-" + first + ".csv";
        store.put(outputKey, out.toString().getBytes(StandardCharsets.UTF_8));
        ObjectNode result = JSON.createObjectNode();
        result.put("key", key).put("firstRow", first).put("lastRow", last).put("rows", last - first + 1)
                .put("outputKey", outputKey).put("version", "v1");
        return result;
    }

    /** A probability with four decimals from the row's bytes: a stand-in for the model, cheap and deterministic. */
    private static void appendScore(StringBuilder out, long row, long hash) {
        long basisPoints = Math.floorMod(hash, 10_000L);
        out.append(row).append(",0.");
        for (long scale = 1000; scale > 0; scale /= 10) {
            out.append((char) ('0' + basisPoints / scale % 10));
        }
        out.append('\n');
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
