package dev.mlops.pipeline.drift;

import dev.mlops.drift.Baseline;
import dev.mlops.drift.ChiSquare;
import dev.mlops.drift.Histogram;
import dev.mlops.drift.KolmogorovSmirnov;
import dev.mlops.drift.NumericHistogram;
import dev.mlops.drift.Psi;
import dev.mlops.model.DriftPolicy;
import dev.mlops.model.DriftTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Compares a window's counts with the baseline, variable by variable. Thresholds apply to effect sizes only:
 * PSI (over the baseline's bins) and the binned KS statistic for numeric variables and the score, PSI for
 * categorical ones. p-values (KS, chi-square) are reported but decide nothing: with 5,000 rows and more, a shift
 * far too small to matter is "significant", and alarms on it would teach people to ignore the check.
 */
public final class DriftAnalysis {

    /** The name under which the model's score is compared (never a feature name: those have no dots). */
    public static final String SCORE = "score";

    private DriftAnalysis() {
    }

    /** Every feature of the baseline, then the score. */
    public static List<VariableDrift> analyze(DriftPolicy policy, Baseline baseline, WindowCounts window) {
        List<VariableDrift> results = new ArrayList<>();
        Map<String, long[]> features = window.features();
        Map<String, Long> missing = window.missing();
        baseline.features().forEach((name, histogram) ->
                compare(policy, name, histogram, features.get(name), missing.get(name)).ifPresent(results::add));
        compare(policy, SCORE, baseline.score(), window.score(), 0L).ifPresent(results::add);
        return results;
    }

    private static java.util.Optional<VariableDrift> compare(DriftPolicy policy, String name, Histogram baseline,
                                                             long[] live, long missing) {
        List<Long> actual = Arrays.stream(live).boxed().toList();
        long rows = actual.stream().mapToLong(Long::longValue).sum();
        if (rows == 0 || baseline.total() == 0) {
            return java.util.Optional.empty();
        }
        double psi = Psi.between(baseline.counts(), actual);
        List<String> exceeded = new ArrayList<>();
        if (policy.tests().contains(DriftTest.PSI) && psi > policy.psiThreshold()) {
            exceeded.add("psi");
        }
        if (baseline instanceof NumericHistogram) {
            double ks = KolmogorovSmirnov.statistic(baseline.counts(), actual);
            if (policy.tests().contains(DriftTest.KS) && ks > policy.ksThreshold()) {
                exceeded.add("ks");
            }
            return java.util.Optional.of(new VariableDrift(name, name.equals(SCORE) ? "score" : "numeric", rows, missing, psi, ks,
                    KolmogorovSmirnov.pValue(ks, baseline.total(), rows), null, null, null, exceeded, actual));
        }
        ChiSquare chi = ChiSquare.between(baseline.counts(), actual);
        return java.util.Optional.of(new VariableDrift(name, "categorical", rows, missing, psi, null, null, chi.statistic(),
                chi.cramersV(), chi.pValue(), exceeded, actual));
    }
}
