package dev.mlops.drift;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KolmogorovSmirnovTest {

    @Test
    void sameShares_statistic_zero() {
        assertEquals(0.0, KolmogorovSmirnov.statistic(List.of(10L, 20L, 70L), List.of(1L, 2L, 7L)), 1e-12);
    }

    @Test
    void shiftedShares_statistic_handComputedLargestCdfGap() {
        // CDFs after each bin: expected 0.25, 0.50, 1.00; actual 0.10, 0.20, 1.00 -> gaps 0.15, 0.30, 0.
        assertEquals(0.30, KolmogorovSmirnov.statistic(List.of(25L, 25L, 50L), List.of(10L, 10L, 80L)), 1e-12);
    }

    @Test
    void binnedStatistic_isAtMostTheExactOne() {
        // Exact two-sample KS of {1,2,3,4} vs {2.5,3.5,4.5,5.5} is 0.5 (at x = 2 and x = 4).
        // Binned at edges {2, 4}: expected 2,2,0 and actual 0,2,2 -> CDF gaps 0.5, 0.5, 0.
        assertEquals(0.5, KolmogorovSmirnov.statistic(List.of(2L, 2L, 0L), List.of(0L, 2L, 2L)), 1e-12);
        // Coarser bins (edge {3} only): 3,1 vs 1,3 -> 0.5; one edge {1}: 1,3 vs 0,4 -> 0.25 < 0.5.
        assertEquals(0.25, KolmogorovSmirnov.statistic(List.of(1L, 3L), List.of(0L, 4L)), 1e-12);
    }

    @Test
    void pValue_matchesKolmogorovDistribution() {
        // Q_KS(1.36) = 0.0495 (the classic 5% critical value); with n = m = 10^6, lambda ~ sqrt(n/2) * d.
        double d = 1.36 / Math.sqrt(500_000.0);
        assertEquals(0.0495, KolmogorovSmirnov.pValue(d, 1_000_000, 1_000_000), 5e-4);
        assertEquals(1.0, KolmogorovSmirnov.pValue(0, 100, 100), 1e-12);
        assertTrue(KolmogorovSmirnov.pValue(0.5, 1000, 1000) < 1e-12);
    }

    @Test
    void emptySide_refused() {
        assertThrows(IllegalArgumentException.class, () -> KolmogorovSmirnov.statistic(List.of(0L, 0L), List.of(1L, 2L)));
    }
}
