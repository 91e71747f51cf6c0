package dev.mlops.pipeline.evaluation;

import dev.mlops.drift.NumericHistogram;

import java.util.List;

/**
 * Moves the counts of one numeric histogram into another histogram's bins, so that two frozen baselines with
 * different quantile edges can be compared with PSI.
 *
 * <p>Mass inside an inner bin {@code (a, b]} is taken as uniform and split by overlap length. The open outer bins
 * are given the width of their inner neighbour ({@code (e1 - w, e1]} and {@code (ek, ek + w]}): quantile bins
 * hold equal shares, so a neighbour's width is the best local guess of the density. Without an inner neighbour
 * (one edge: a 0/1 column) the outer masses sit at the edge and just above it. When both histograms share their
 * edges this is exact (every source bin maps onto one target bin); otherwise it approximates, with an error
 * bounded by the mass of the bins that straddle a target edge.
 */
public final class Rebinning {

    private Rebinning() {
    }

    /** {@code source}'s counts in {@code target}'s bins (fractional). */
    public static double[] into(NumericHistogram source, NumericHistogram target) {
        List<Double> edges = source.edges();
        List<Long> counts = source.counts();
        double[] moved = new double[target.counts().size()];
        if (edges.isEmpty()) {
            // One bin holding everything (a constant training column): nothing tells where it lies.
            moved[0] += counts.get(0);
            return moved;
        }
        double first = edges.get(0);
        double last = edges.get(edges.size() - 1);
        if (edges.size() == 1) {
            moved[target.binOf(first)] += counts.get(0);
            moved[target.binOf(Math.nextUp(last))] += counts.get(1);
            return moved;
        }
        spread(first - (edges.get(1) - first), first, counts.get(0), target.edges(), moved);
        spread(last, last + (last - edges.get(edges.size() - 2)), counts.get(counts.size() - 1), target.edges(), moved);
        for (int i = 1; i < edges.size(); i++) {
            spread(edges.get(i - 1), edges.get(i), counts.get(i), target.edges(), moved);
        }
        return moved;
    }

    private static void spread(double a, double b, double count, List<Double> targetEdges, double[] moved) {
        if (count == 0) {
            return;
        }
        double width = b - a;
        for (int j = 0; j < moved.length; j++) {
            double lo = j == 0 ? Double.NEGATIVE_INFINITY : targetEdges.get(j - 1);
            double hi = j == moved.length - 1 ? Double.POSITIVE_INFINITY : targetEdges.get(j);
            double overlap = Math.min(b, hi) - Math.max(a, lo);
            if (overlap > 0) {
                moved[j] += count * overlap / width;
            }
        }
    }
}
