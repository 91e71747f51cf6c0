/**
 * Drift of live traffic against a version's frozen baseline: streaming counts into the baseline's bins, PSI, KS
 * and chi-square per feature and on the score, thresholds on effect sizes, and persistence across windows.
 */
package dev.mlops.pipeline.drift;
