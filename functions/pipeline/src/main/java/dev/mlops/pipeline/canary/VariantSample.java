package dev.mlops.pipeline.canary;

import dev.mlops.metrics.BinaryMetrics;

import java.util.Arrays;

/**
 * What one variant served in a window: requests (captured predictions), latencies, scores, the labelled
 * predictions once feedback arrived, and request/error counts from the serving metrics where available.
 */
public final class VariantSample {

    private double[] latencies = new double[256];
    private double[] scores = new double[256];
    private int predictions;
    private double[] labelledScores = new double[64];
    private boolean[] labels = new boolean[64];
    private int labelled;
    private long metricRequests;
    private long metricErrors;

    /** Adds one captured prediction. */
    public void prediction(double latencyMs, double probability) {
        if (predictions == scores.length) {
            scores = Arrays.copyOf(scores, predictions * 2);
            latencies = Arrays.copyOf(latencies, predictions * 2);
        }
        latencies[predictions] = latencyMs;
        scores[predictions++] = probability;
    }

    /** Adds one prediction whose outcome is known. */
    public void labelled(double probability, boolean positive) {
        if (labelled == labels.length) {
            labels = Arrays.copyOf(labels, labelled * 2);
            labelledScores = Arrays.copyOf(labelledScores, labelled * 2);
        }
        labelledScores[labelled] = probability;
        labels[labelled++] = positive;
    }

    /** Adds serving-metric counts. */
    public void requests(long requests, long errors) {
        metricRequests += requests;
        metricErrors += errors;
    }

    public int predictions() {
        return predictions;
    }

    public double[] scores() {
        return Arrays.copyOf(scores, predictions);
    }

    public int labelledCount() {
        return labelled;
    }

    public long metricRequests() {
        return metricRequests;
    }

    public long metricErrors() {
        return metricErrors;
    }

    /** The 99th percentile latency (nearest rank), NaN without predictions. */
    public double p99LatencyMs() {
        if (predictions == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(latencies, predictions);
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.99 * predictions) - 1];
    }

    /** Metrics of the labelled predictions, or null when they do not hold both classes. */
    public BinaryMetrics labelledMetrics() {
        boolean[] y = Arrays.copyOf(labels, labelled);
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        if (positives == 0 || positives == labelled) {
            return null;
        }
        return BinaryMetrics.of(Arrays.copyOf(labelledScores, labelled), y);
    }
}
