package dev.mlops.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a categorical value outside the declared levels becomes. */
public enum UnknownLevelPolicy {
    /** The record is refused, naming the feature, the value and the allowed levels. */
    @JsonProperty("reject") REJECT,
    /** Every one-hot column of the feature is zero. */
    @JsonProperty("ignore") IGNORE,
    /** The value is read as the feature's {@code fallback} level. */
    @JsonProperty("fallback") FALLBACK
}
