package dev.mlops.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holdout quality of a binary classifier's probabilities.
 *
 * @param auc              area under the ROC curve (ties counted half)
 * @param accuracy         share of rows whose probability is on the right side of 0.5
 * @param logLoss          mean negative log-likelihood, probabilities clamped to [1e-15, 1 - 1e-15]
 * @param calibrationError expected calibration error over 10 equal-width probability bins
 * @param rows             rows scored
 * @param positiveRate     share of rows with the positive label
 */
public record BinaryMetrics(double auc, double accuracy, double logLoss, double calibrationError, long rows,
                            double positiveRate) {

    private static final double CLAMP = 1e-15;
    private static final int CALIBRATION_BINS = 10;

    /** Computes all metrics; needs at least one positive and one negative row. */
    public static BinaryMetrics of(double[] probabilities, boolean[] positive) {
        if (probabilities.length != positive.length || probabilities.length == 0) {
            throw new IllegalArgumentException("need as many labels as probabilities, and at least one; got "
                    + probabilities.length + " and " + positive.length);
        }
        int n = probabilities.length;
        long positives = IntStream.range(0, n).filter(i -> positive[i]).count();
        if (positives == 0 || positives == n) {
            throw new IllegalArgumentException("metrics need both classes among the rows; all " + n + " are "
                    + (positives == 0 ? "negative" : "positive"));
        }
        double correct = 0;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double p = Math.min(1 - CLAMP, Math.max(CLAMP, probabilities[i]));
            correct += (p >= 0.5) == positive[i] ? 1 : 0;
            loss -= positive[i] ? Math.log(p) : Math.log(1 - p);
        }
        return new BinaryMetrics(auc(probabilities, positive, positives), correct / n, loss / n,
                calibrationError(probabilities, positive), n, (double) positives / n);
    }

    /** Mann-Whitney form of AUC over rank-averaged ties: O(n log n). */
    static double auc(double[] p, boolean[] positive, long positives) {
        Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && p[order[j + 1]] == p[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        long negatives = p.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    static double calibrationError(double[] p, boolean[] positive) {
        double[] sumP = new double[CALIBRATION_BINS];
        double[] sumY = new double[CALIBRATION_BINS];
        int[] count = new int[CALIBRATION_BINS];
        for (int i = 0; i < p.length; i++) {
            int bin = Math.min(CALIBRATION_BINS - 1, (int) (p[i] * CALIBRATION_BINS));
            sumP[bin] += p[i];
            sumY[bin] += positive[i] ? 1 : 0;
            count[bin]++;
        }
        double error = 0;
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            if (count[b] > 0) {
                error += Math.abs(sumP[b] - sumY[b]) / p.length;
            }
        }
        return error;
    }
}
