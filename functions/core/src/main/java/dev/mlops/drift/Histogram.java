package dev.mlops.drift;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * Frozen bins of one variable, the unit of every drift comparison: a live sample is counted into the
 * baseline's own bins, then the two count vectors are compared.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NumericHistogram.class, name = "numeric"),
        @JsonSubTypes.Type(value = CategoricalHistogram.class, name = "categorical")
})
public sealed interface Histogram permits NumericHistogram, CategoricalHistogram {

    /** Counts per bin, in bin order. */
    List<Long> counts();

    /** Total count. */
    default long total() {
        return counts().stream().mapToLong(Long::longValue).sum();
    }
}
