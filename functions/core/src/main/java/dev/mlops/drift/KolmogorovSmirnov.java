package dev.mlops.drift;

import java.util.List;

/**
 * Two-sample Kolmogorov-Smirnov statistic between two samples counted into the same frozen bins.
 *
 * <p>The baseline keeps only bin counts, so the empirical CDFs are known exactly at the bin edges and nowhere in
 * between. The statistic is {@code D = max_k |F_e(k) - F_a(k)|} over the cumulative shares after each bin
 * {@code k}; it equals the usual continuous KS statistic evaluated at the edges and is never larger than it (a
 * lower bound, tight to within the mass of one bin; with the baseline's quantile bins that is about 1/bins).
 * Thresholds apply to {@code D} as an effect size; {@link #pValue} is reported for context only, because with
 * thousands of rows any tiny shift is "significant".
 */
public final class KolmogorovSmirnov {

    private KolmogorovSmirnov() {
    }

    /** The binned KS statistic of {@code actual} against {@code expected}; both need the same bins, neither empty. */
    public static double statistic(List<Long> expected, List<Long> actual) {
        if (expected.size() != actual.size()) {
            throw new IllegalArgumentException("KS needs the same bins on both sides, got " + expected.size() + " and " + actual.size());
        }
        double expectedTotal = total(expected);
        double actualTotal = total(actual);
        if (expectedTotal == 0 || actualTotal == 0) {
            throw new IllegalArgumentException("KS needs a non-empty sample on both sides");
        }
        double cumulativeExpected = 0;
        double cumulativeActual = 0;
        double d = 0;
        for (int i = 0; i < expected.size(); i++) {
            cumulativeExpected += expected.get(i);
            cumulativeActual += actual.get(i);
            d = Math.max(d, Math.abs(cumulativeExpected / expectedTotal - cumulativeActual / actualTotal));
        }
        return d;
    }

    /**
     * Asymptotic p-value of {@code d} for samples of {@code n} and {@code m} rows: {@code Q_KS(lambda)} with
     * {@code lambda = (sqrt(ne) + 0.12 + 0.11 / sqrt(ne)) * d}, {@code ne = n m / (n + m)} and
     * {@code Q_KS(x) = 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 x^2)} (Stephens' approximation, as in Numerical Recipes).
     */
    public static double pValue(double d, long n, long m) {
        double ne = (double) n * m / (n + m);
        double sqrt = Math.sqrt(ne);
        double lambda = (sqrt + 0.12 + 0.11 / sqrt) * d;
        if (lambda < 1e-3) {
            return 1.0;
        }
        double sum = 0;
        double sign = 1;
        for (int k = 1; k <= 100; k++) {
            double term = sign * Math.exp(-2.0 * k * k * lambda * lambda);
            sum += term;
            if (Math.abs(term) < 1e-12) {
                break;
            }
            sign = -sign;
        }
        return Math.max(0, Math.min(1, 2 * sum));
    }

    private static double total(List<Long> counts) {
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
