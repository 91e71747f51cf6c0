package dev.mlops.pipeline.evaluation;

import dev.mlops.drift.Baseline;
import dev.mlops.drift.CategoricalHistogram;
import dev.mlops.drift.Histogram;
import dev.mlops.drift.NumericHistogram;
import dev.mlops.drift.Psi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PSI of a new version's training data against the champion's, per feature, from the two packages' frozen
 * baselines (the data itself is not needed): numeric features via {@link Rebinning} into the champion's bins,
 * categorical ones level by level (a level unknown to the champion counts in its "other" bin).
 */
public final class TrainingDataShift {

    private TrainingDataShift() {
    }

    /** PSI per feature present in both baselines with the same kind of histogram, in the champion's feature order. */
    public static Map<String, Double> psi(Baseline champion, Baseline candidate) {
        Map<String, Double> psi = new LinkedHashMap<>();
        champion.features().forEach((feature, expected) -> {
            Histogram actual = candidate.features().get(feature);
            if (expected instanceof NumericHistogram e && actual instanceof NumericHistogram a) {
                psi.put(feature, Psi.between(toDoubles(e.counts()), Rebinning.into(a, e)));
            } else if (expected instanceof CategoricalHistogram e && actual instanceof CategoricalHistogram a) {
                psi.put(feature, Psi.between(toDoubles(e.counts()), byLevel(a, e.levels())));
            }
        });
        return psi;
    }

    private static double[] byLevel(CategoricalHistogram source, List<String> levels) {
        double[] counts = new double[levels.size() + 1];
        for (int i = 0; i < source.levels().size(); i++) {
            int j = levels.indexOf(source.levels().get(i));
            counts[j >= 0 ? j : levels.size()] += source.counts().get(i);
        }
        counts[levels.size()] += source.counts().get(source.levels().size());
        return counts;
    }

    private static double[] toDoubles(List<Long> counts) {
        return counts.stream().mapToDouble(Long::doubleValue).toArray();
    }
}
