package dev.mlops.pipeline.kpi;

import dev.mlops.metrics.BinaryMetrics;
import dev.mlops.model.KpiPolicy;

import java.util.Arrays;

/** The labelled predictions of one version (on one day, or overall), accumulated for the KPI report. */
final class KpiCell {

    private long predictions;
    private int labelled;
    private double[] scores = new double[64];
    private boolean[] outcomes = new boolean[64];
    private double value;
    private long correct;

    void prediction() {
        predictions++;
    }

    void labelled(double probability, boolean positive, KpiPolicy kpi) {
        if (labelled == scores.length) {
            scores = Arrays.copyOf(scores, labelled * 2);
            outcomes = Arrays.copyOf(outcomes, labelled * 2);
        }
        scores[labelled] = probability;
        outcomes[labelled++] = positive;
        boolean predictedPositive = probability >= 0.5;
        correct += predictedPositive == positive ? 1 : 0;
        value += kpi.value(predictedPositive, positive);
    }

    /** The cell as a report row: counts, accuracy, AUC (null without both classes), business value. */
    KpiReport.Row row(String version, String day) {
        Double auc = null;
        boolean[] y = Arrays.copyOf(outcomes, labelled);
        long positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        if (positives > 0 && positives < labelled) {
            auc = BinaryMetrics.of(Arrays.copyOf(scores, labelled), y).auc();
        }
        return new KpiReport.Row(version, day, predictions, labelled, labelled == 0 ? null : (double) correct / labelled, auc,
                value, labelled == 0 ? null : value / labelled);
    }
}
