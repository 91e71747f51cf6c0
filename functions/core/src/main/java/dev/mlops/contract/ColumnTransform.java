package dev.mlops.contract;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How one tensor column is computed from its source feature. Tribuo applies no transform inside its ONNX graph,
 * so every caller (trainer, inference, batch scoring) applies these, from the same frozen statistics.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ColumnTransform.Identity.class, name = "identity"),
        @JsonSubTypes.Type(value = ColumnTransform.Standardize.class, name = "standardize"),
        @JsonSubTypes.Type(value = ColumnTransform.LogStandardize.class, name = "log-standardize"),
        @JsonSubTypes.Type(value = ColumnTransform.OneHot.class, name = "one-hot")
})
public sealed interface ColumnTransform {

    /** The numeric value as it is. */
    record Identity() implements ColumnTransform {
    }

    /** {@code (x - mean) / std}. */
    record Standardize(double mean, double std) implements ColumnTransform {
        public Standardize {
            checkStatistics(mean, std);
        }
    }

    /** {@code (log1p(x) - mean) / std}, statistics of {@code log1p(x)}. */
    record LogStandardize(double mean, double std) implements ColumnTransform {
        public LogStandardize {
            checkStatistics(mean, std);
        }
    }

    /** 1 when the categorical value is {@code level}, else 0. */
    record OneHot(String level) implements ColumnTransform {
        public OneHot {
            if (level == null || level.isBlank()) {
                throw new IllegalArgumentException("one-hot column needs a level");
            }
        }
    }

    private static void checkStatistics(double mean, double std) {
        if (!Double.isFinite(mean) || !Double.isFinite(std) || !(std > 0)) {
            throw new IllegalArgumentException("standardisation needs a finite mean and a positive std, got mean="
                    + mean + " std=" + std);
        }
    }
}
