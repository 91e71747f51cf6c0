package dev.mlops.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bins of a numeric variable: {@code edges} are the inner cut points, so there are {@code edges.size() + 1}
 * bins and the first and last are open-ended (live values outside the training range still land in a bin).
 * Bin {@code i} holds values {@code v} with {@code edges[i-1] < v <= edges[i]}.
 */
public record NumericHistogram(List<Double> edges, List<Long> counts) implements Histogram {

    public NumericHistogram {
        edges = List.copyOf(edges);
        counts = List.copyOf(counts);
        if (counts.size() != edges.size() + 1) {
            throw new IllegalArgumentException("numeric histogram needs edges.size() + 1 counts, got " + edges.size()
                    + " edges and " + counts.size() + " counts");
        }
        for (int i = 1; i < edges.size(); i++) {
            if (!(edges.get(i) > edges.get(i - 1))) {
                throw new IllegalArgumentException("histogram edges must increase strictly: " + edges);
            }
        }
    }

    /**
     * Bins at the quantiles of {@code values} (at most {@code bins} bins; fewer where values repeat, as for 0/1
     * features), then counts {@code values} into them.
     */
    public static NumericHistogram ofQuantiles(double[] values, int bins) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot bin an empty sample");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        List<Double> edges = new ArrayList<>();
        for (int q = 1; q < bins; q++) {
            // Upper edge of the q-th share (bins hold edges[i-1] < v <= edges[i]), so that distinct values split evenly.
            double edge = sorted[(int) Math.max(0, Math.ceil((double) q * sorted.length / bins) - 1)];
            // Cut at the upper end of a run of equal values so that ties fall in one bin.
            if (edge < sorted[sorted.length - 1] && (edges.isEmpty() || edge > edges.get(edges.size() - 1))) {
                edges.add(edge);
            }
        }
        return new NumericHistogram(edges, zeros(edges.size() + 1)).withCountsOf(values);
    }

    /** The same bins with {@code values} counted into them. */
    public NumericHistogram withCountsOf(double[] values) {
        long[] counts = new long[edges.size() + 1];
        double[] cuts = edges.stream().mapToDouble(Double::doubleValue).toArray();
        for (double v : values) {
            counts[bin(cuts, v)]++;
        }
        return new NumericHistogram(edges, Arrays.stream(counts).boxed().toList());
    }

    /** The bin index of {@code value}. */
    public int binOf(double value) {
        return bin(edges.stream().mapToDouble(Double::doubleValue).toArray(), value);
    }

    private static int bin(double[] cuts, double value) {
        int i = Arrays.binarySearch(cuts, value);
        return i >= 0 ? i : -i - 1;
    }

    private static List<Long> zeros(int n) {
        return java.util.Collections.nCopies(n, 0L);
    }
}
