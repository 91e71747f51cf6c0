package dev.mlops.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a numeric feature is turned into its tensor column; statistics come from the training data. */
public enum NumericTransform {
    /** The value as it is. */
    @JsonProperty("none") NONE,
    /** (x - mean) / std. */
    @JsonProperty("standardize") STANDARDIZE,
    /** (log1p(x) - mean) / std, with mean and std of log1p(x): for skewed amounts such as income. */
    @JsonProperty("log-standardize") LOG_STANDARDIZE
}
