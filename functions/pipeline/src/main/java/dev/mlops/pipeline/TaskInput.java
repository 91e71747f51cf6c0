package dev.mlops.pipeline;

import dev.mlops.InvalidInputException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A task's JSON input as Step Functions sends it, read with errors that name the key and what was expected, so
 * that a malformed payload fails the task with {@link InvalidInputException} rather than a NullPointerException.
 */
public record TaskInput(String task, Map<String, Object> fields) {

    public TaskInput {
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** A required non-blank string. */
    public String string(String key) {
        return optionalString(key).orElseThrow(() -> missing(key, "a non-blank string"));
    }

    /** An optional string; blank counts as absent. */
    public Optional<String> optionalString(String key) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw invalid(key, "a string", value);
        }
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** The required {@code model} key: a well-formed model name ({@code ModelVersions.checkModel}). */
    public String model() {
        String model = string("model");
        try {
            return dev.mlops.packaging.ModelVersions.checkModel(model);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(task + ": 'model' must be a model name: " + e.getMessage(), e);
        }
    }

    /** A required whole number. */
    public long integer(String key) {
        return optionalInteger(key).orElseThrow(() -> missing(key, "a whole number"));
    }

    /** An optional whole number (JSON numbers arrive as Integer, Long or a Double without fraction). */
    public Optional<Long> optionalInteger(String key) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && Double.isFinite(number.doubleValue())) {
            return Optional.of(number.longValue());
        }
        throw invalid(key, "a whole number", value);
    }

    /** A required ISO-8601 instant ({@code 2026-11-27T10:15:30Z}). */
    public Instant instant(String key) {
        String text = string(key);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(key, "an ISO-8601 instant such as 2026-11-27T10:15:30Z", text);
        }
    }

    /** An optional list of strings (absent: empty). */
    public List<String> strings(String key) {
        Object value = fields.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw invalid(key, "a list of strings", value);
    }

    /** A required JSON object. */
    @SuppressWarnings("unchecked")
    public TaskInput object(String key) {
        Object value = fields.get(key);
        if (value == null) {
            throw missing(key, "an object");
        }
        if (value instanceof Map<?, ?> map) {
            return new TaskInput(task + "." + key, (Map<String, Object>) map);
        }
        throw invalid(key, "an object", value);
    }

    /** A required list of JSON objects. */
    @SuppressWarnings("unchecked")
    public List<TaskInput> objects(String key) {
        Object value = fields.get(key);
        if (value == null) {
            throw missing(key, "a list of objects");
        }
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof Map)) {
            return list.stream().map(v -> new TaskInput(task + "." + key + "[]", (Map<String, Object>) v)).toList();
        }
        throw invalid(key, "a list of objects", value);
    }

    private InvalidInputException missing(String key, String expected) {
        return new InvalidInputException(task + ": missing required key '" + key + "' (" + expected + "); got keys "
                + new TreeSet<>(fields.keySet()));
    }

    private InvalidInputException invalid(String key, String expected, Object value) {
        return new InvalidInputException(task + ": '" + key + "' must be " + expected + ", got " + describe(value));
    }

    private static String describe(Object value) {
        String text = value instanceof String ? "'" + value + "'" : String.valueOf(value);
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
