package dev.mlops.model;

/** A closed interval of allowed values; both ends finite and {@code min < max}. */
public record Range(Double min, Double max) {

    public Range {
        Checks.present(min, "range.min");
        Checks.present(max, "range.max");
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
            throw new IllegalArgumentException("range must have finite min < max, got [" + min + ", " + max + "]");
        }
    }

    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    public double clip(double value) {
        return Math.max(min, Math.min(max, value));
    }
}
