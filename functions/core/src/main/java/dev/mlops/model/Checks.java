package dev.mlops.model;

import java.util.List;
import java.util.Objects;

/** Argument checks shared by the config records; each message names the key that is wrong. */
final class Checks {

    private Checks() {
    }

    static <T> T present(T value, String key) {
        if (value == null) {
            throw new IllegalArgumentException("missing required key '" + key + "'");
        }
        return value;
    }

    static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    static double positive(Double value, String key) {
        present(value, key);
        if (!(value > 0) || value.isInfinite()) {
            throw new IllegalArgumentException("'" + key + "' must be a positive finite number, got " + value);
        }
        return value;
    }

    static int positive(Integer value, String key) {
        present(value, key);
        if (value <= 0) {
            throw new IllegalArgumentException("'" + key + "' must be a positive integer, got " + value);
        }
        return value;
    }

    static int nonNegative(Integer value, String key) {
        present(value, key);
        if (value < 0) {
            throw new IllegalArgumentException("'" + key + "' must be zero or more, got " + value);
        }
        return value;
    }

    static double fraction(Double value, String key) {
        present(value, key);
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("'" + key + "' must be between 0 and 1, got " + value);
        }
        return value;
    }

    static <T> List<T> nonEmpty(List<T> values, String key) {
        present(values, key);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("'" + key + "' must not be empty");
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("'" + key + "' must not contain null");
        }
        return List.copyOf(values);
    }
}
