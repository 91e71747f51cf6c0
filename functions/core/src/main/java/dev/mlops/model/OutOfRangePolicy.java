package dev.mlops.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a numeric value outside its {@link Range} becomes. */
public enum OutOfRangePolicy {
    /** The record is refused, naming the feature, the value and the range. */
    @JsonProperty("reject") REJECT,
    /** The value is clipped to the nearest end of the range. */
    @JsonProperty("clip") CLIP
}
