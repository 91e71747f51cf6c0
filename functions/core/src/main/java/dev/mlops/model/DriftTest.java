package dev.mlops.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The statistical tests a drift check may run per feature and on the score. */
public enum DriftTest {
    /** Population stability index over the baseline's frozen bins. */
    @JsonProperty("psi") PSI,
    /** Two-sample Kolmogorov-Smirnov statistic against the binned baseline. */
    @JsonProperty("ks") KS
}
