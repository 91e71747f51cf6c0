package dev.mlops.drift;

import java.util.List;

/**
 * Population stability index between two count vectors over the same bins:
 * {@code sum((a_i - e_i) * ln(a_i / e_i))} over bin shares. Empty bins get a small floor share, as usual in credit
 * scoring practice, so that a bin present on one side only adds a large but finite term.
 */
public final class Psi {

    /** Share given to an empty bin. */
    public static final double EMPTY_BIN_SHARE = 1e-4;

    private Psi() {
    }

    /** PSI of {@code actual} against {@code expected}; both must have the same number of bins. */
    public static double between(List<Long> expected, List<Long> actual) {
        if (expected.size() != actual.size()) {
            throw new IllegalArgumentException("PSI needs the same bins on both sides, got " + expected.size() + " and " + actual.size());
        }
        double expectedTotal = expected.stream().mapToLong(Long::longValue).sum();
        double actualTotal = actual.stream().mapToLong(Long::longValue).sum();
        if (expectedTotal == 0 || actualTotal == 0) {
            throw new IllegalArgumentException("PSI needs a non-empty sample on both sides");
        }
        return between(expected.stream().mapToDouble(Long::doubleValue).toArray(),
                actual.stream().mapToDouble(Long::doubleValue).toArray());
    }

    /**
     * PSI over fractional counts (a histogram re-binned into other edges carries fractions); same formula and
     * floor as {@link #between(List, List)}.
     */
    public static double between(double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("PSI needs the same bins on both sides, got " + expected.length + " and " + actual.length);
        }
        double expectedTotal = java.util.Arrays.stream(expected).sum();
        double actualTotal = java.util.Arrays.stream(actual).sum();
        if (!(expectedTotal > 0) || !(actualTotal > 0)) {
            throw new IllegalArgumentException("PSI needs a non-empty sample on both sides");
        }
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i] / expectedTotal, EMPTY_BIN_SHARE);
            double a = Math.max(actual[i] / actualTotal, EMPTY_BIN_SHARE);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }
}
