package dev.mlops.pipeline.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.mlops.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parses capture lines with Jackson's streaming parser (no tree per line: a drift check reads millions of them).
 * Lines of other types, and lines that do not parse, are skipped and counted by the caller: one torn line at
 * the end of a file must not fail a whole check.
 */
public final class CaptureLines {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private CaptureLines() {
    }

    /** The record in {@code bytes[offset, offset + length)}, or empty for another type or a malformed line. */
    public static Optional<CaptureRecord> parse(byte[] bytes, int offset, int length) {
        try (JsonParser parser = FACTORY.createParser(bytes, offset, length)) {
            return Optional.ofNullable(read(parser));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static CaptureRecord read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String type = null;
        String id = null;
        String version = null;
        String variant = null;
        String time = null;
        String label = null;
        String outcome = null;
        double latency = Double.NaN;
        double probability = Double.NaN;
        Map<String, Object> inputs = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "type" -> type = p.getValueAsString();
                case "predictionId" -> id = p.getValueAsString();
                case "version" -> version = p.getValueAsString();
                case "variant" -> variant = p.getValueAsString();
                case "time" -> time = p.getValueAsString();
                case "label" -> label = p.getValueAsString();
                case "outcome" -> outcome = p.getValueAsString();
                case "latencyMs" -> latency = p.getValueAsDouble(Double.NaN);
                case "probability" -> probability = p.getValueAsDouble(Double.NaN);
                case "inputs" -> inputs = value == JsonToken.START_OBJECT ? inputs(p) : skip(p);
                default -> p.skipChildren();
            }
        }
        if (id == null || time == null) {
            return null;
        }
        if ("prediction".equals(type) && version != null && !Double.isNaN(probability)) {
            return new CaptureRecord.Prediction(id, instant(time), version, variant == null ? "champion" : variant,
                    latency, inputs == null ? Map.of() : inputs, probability, label);
        }
        if ("feedback".equals(type) && outcome != null) {
            return new CaptureRecord.Feedback(id, instant(time), outcome);
        }
        return null;
    }

    /** What {@link #countPrediction} did with a line. */
    public enum Counted { COUNTED, OTHER, MALFORMED }

    /**
     * The drift check's hot path: reads a prediction line straight into {@code row} (no map, no boxing) and counts
     * it into {@code counts} when it is a prediction of {@code version} written in {@code [from, to)}. Same
     * reading rules as {@link #parse}: a torn line is MALFORMED, other types and versions are OTHER.
     */
    public static Counted countPrediction(byte[] bytes, int offset, int length, String version, Instant from, Instant to,
                                          dev.mlops.pipeline.drift.WindowCounts counts, dev.mlops.pipeline.drift.WindowCounts.Row row) {
        row.clear();
        try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Counted.MALFORMED;
            }
            boolean prediction = false;
            boolean versionMatches = false;
            String time = null;
            double probability = Double.NaN;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "type" -> prediction = "prediction".equals(p.getValueAsString());
                    case "version" -> versionMatches = version.equals(p.getValueAsString());
                    case "time" -> time = p.getValueAsString();
                    case "probability" -> probability = p.getValueAsDouble(Double.NaN);
                    case "inputs" -> {
                        if (value == JsonToken.START_OBJECT) {
                            readInputs(p, counts, row);
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (!prediction || time == null || Double.isNaN(probability)) {
                return prediction ? Counted.MALFORMED : Counted.OTHER;
            }
            Instant at = instant(time);
            if (!versionMatches || at.isBefore(from) || !at.isBefore(to)) {
                return Counted.OTHER;
            }
            counts.add(row, probability);
            return Counted.COUNTED;
        } catch (IOException | RuntimeException e) {
            return Counted.MALFORMED;
        }
    }

    private static void readInputs(JsonParser p, dev.mlops.pipeline.drift.WindowCounts counts,
                                   dev.mlops.pipeline.drift.WindowCounts.Row row) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            int i = counts.indexOf(p.currentName());
            JsonToken token = p.nextToken();
            if (i < 0) {
                p.skipChildren();
            } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                row.number(i, p.getDoubleValue());
            } else if (token == JsonToken.VALUE_STRING) {
                row.text(i, p.getText());
            } else {
                p.skipChildren();
            }
        }
    }

    /**
     * {@code Instant.toString()} output ({@code 2026-11-27T10:15:30.123Z}, 0 to 9 fraction digits) read by hand:
     * {@code Instant.parse} was the largest single cost of a drift check over a million lines. Anything else
     * goes through {@code Instant.parse}.
     */
    static Instant instant(String text) {
        int n = text.length();
        if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || text.charAt(n - 1) != 'Z' || (n > 20 && text.charAt(19) != '.')) {
            return Instant.parse(text);
        }
        try {
            long day = java.time.LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10)).toEpochDay();
            long seconds = day * 86_400L + digits(text, 11, 13) * 3600L + digits(text, 14, 16) * 60L + digits(text, 17, 19);
            int nanos = 0;
            if (n > 21) {
                int fraction = n - 21;
                if (fraction > 9) {
                    return Instant.parse(text);
                }
                nanos = digits(text, 20, n - 1);
                for (int i = fraction; i < 9; i++) {
                    nanos *= 10;
                }
            }
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return Instant.parse(text);
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException("not a digit in '" + text + "'");
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static Map<String, Object> inputs(JsonParser p) throws IOException {
        Map<String, Object> inputs = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                inputs.put(name, p.getDoubleValue());
            } else if (token == JsonToken.VALUE_STRING) {
                inputs.put(name, p.getText());
            } else {
                // null (redacted), booleans, nested values: not a feature value a histogram can count.
                p.skipChildren();
            }
        }
        return inputs;
    }

    private static Map<String, Object> skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }
}
