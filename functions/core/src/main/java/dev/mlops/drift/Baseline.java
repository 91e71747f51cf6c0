package dev.mlops.drift;

import java.util.Map;
import java.util.TreeMap;

/**
 * The training data's distributions, frozen into the model package: one histogram per feature and one of the
 * model's score (positive-class probability) on the holdout rows. Drift checks and the evaluation gate compare
 * live or new data against these bins.
 *
 * @param rows     training rows the feature histograms were counted from
 * @param features histogram per feature name
 * @param score    histogram of the predicted probability on the holdout rows
 */
public record Baseline(long rows, Map<String, Histogram> features, NumericHistogram score) {

    public Baseline {
        if (rows <= 0) {
            throw new IllegalArgumentException("baseline needs a positive row count, got " + rows);
        }
        features = java.util.Collections.unmodifiableMap(new TreeMap<>(features));
        if (score == null) {
            throw new IllegalArgumentException("baseline needs a score histogram");
        }
    }
}
