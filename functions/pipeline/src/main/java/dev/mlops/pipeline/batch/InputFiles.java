package dev.mlops.pipeline.batch;

import dev.mlops.InvalidInputException;
import dev.mlops.Json;
import dev.mlops.model.CategoricalFeature;
import dev.mlops.model.FeatureSpec;
import dev.mlops.model.ModelConfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch input files: CSV with a header row (feature columns by name; others, such as a label, ignored) or JSON
 * lines of named records, as clients send them to the inference API. CSV values are unquoted (the trainer's own
 * format); a quoted CSV needs a JSON-lines export instead.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /** Whether {@code key} is a file batch inference reads. */
    public static boolean isInput(String key) {
        return key.endsWith(".csv") || key.endsWith(".jsonl");
    }

    /** Data rows of a file (CSV: lines after the header; JSON lines: non-blank lines). */
    public static long countRows(String key, byte[] bytes) {
        List<String> lines = lines(bytes);
        return key.endsWith(".csv") ? Math.max(0, lines.size() - 1) : lines.size();
    }

    /** The records of data rows {@code first..last} (inclusive) of a file, typed by the model's features. */
    public static List<Map<String, Object>> records(String key, byte[] bytes, long first, long last, ModelConfig config) {
        List<String> lines = lines(bytes);
        int offset = key.endsWith(".csv") ? 1 : 0;
        if (last + offset >= lines.size()) {
            throw new InvalidInputException(key + " has " + (lines.size() - offset) + " data rows; rows " + first + ".." + last
                    + " were asked for");
        }
        List<Map<String, Object>> records = new ArrayList<>((int) (last - first + 1));
        String[] header = offset == 1 ? lines.get(0).split(",", -1) : null;
        for (long row = first; row <= last; row++) {
            String line = lines.get((int) (row + offset));
            records.add(header == null ? json(line, key, row) : csv(header, line, config));
        }
        return records;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String line, String key, long row) {
        return Json.mapper().convertValue(Json.tree(line.getBytes(StandardCharsets.UTF_8), key + " row " + row), Map.class);
    }

    private static Map<String, Object> csv(String[] header, String line, ModelConfig config) {
        String[] values = line.split(",", -1);
        Map<String, Object> record = new HashMap<>();
        for (int i = 0; i < header.length && i < values.length; i++) {
            FeatureSpec feature = config.feature(header[i].strip()).orElse(null);
            if (feature == null || values[i].isBlank()) {
                continue;
            }
            record.put(feature.name(), feature instanceof CategoricalFeature ? values[i].strip() : number(values[i].strip()));
        }
        return record;
    }

    /** A number, or the text itself so that the input contract reports it as not numeric. */
    private static Object number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static List<String> lines(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            String stripped = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!stripped.isBlank()) {
                lines.add(stripped);
            }
        }
        return lines;
    }
}
