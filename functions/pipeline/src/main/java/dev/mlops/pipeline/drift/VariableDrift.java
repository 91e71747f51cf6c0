package dev.mlops.pipeline.drift;

import java.util.List;

/**
 * The comparison of one variable (a feature or the score) with its baseline.
 *
 * @param kind        {@code numeric}, {@code categorical} or {@code score}
 * @param psi         population stability index over the baseline's bins
 * @param ks          binned two-sample KS statistic (numeric and score), else null
 * @param ksPValue    its asymptotic p-value, for context (never a threshold)
 * @param chiSquare   chi-square homogeneity statistic (categorical), else null
 * @param cramersV    its effect size, for context
 * @param chiPValue   its p-value, for context
 * @param exceeded    the thresholds this variable exceeded ({@code psi}, {@code ks}); empty when within all
 * @param counts      the window's counts per baseline bin, same order and length as the baseline histogram's
 *                    {@code counts} (numeric: one more than the edges; categorical: the levels, then "other"), so a
 *                    reader can draw baseline against live without the capture
 */
public record VariableDrift(String name, String kind, long rows, long missing, double psi, Double ks, Double ksPValue,
                            Double chiSquare, Double cramersV, Double chiPValue, List<String> exceeded,
                            List<Long> counts) {

    public VariableDrift {
        exceeded = List.copyOf(exceeded);
        counts = List.copyOf(counts);
    }

    /** Whether any threshold was exceeded. */
    public boolean isDrifted() {
        return !exceeded.isEmpty();
    }
}
