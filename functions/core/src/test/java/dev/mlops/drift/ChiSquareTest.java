package dev.mlops.drift;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChiSquareTest {

    @Test
    void twoByTwo_between_handComputed() {
        // Table [[30, 70], [50, 50]]: column totals 80, 120, N 200; expected 40, 60 in both rows.
        // chi2 = 2 * (10^2/40 + 10^2/60) = 8.3333; V = sqrt(8.3333 / 200) = 0.2041; p(df 1) = 0.003892.
        ChiSquare test = ChiSquare.between(List.of(30L, 70L), List.of(50L, 50L));
        assertEquals(25.0 / 3, test.statistic(), 1e-9);
        assertEquals(1, test.degreesOfFreedom());
        assertEquals(Math.sqrt(25.0 / 3 / 200), test.cramersV(), 1e-12);
        assertEquals(0.003892, test.pValue(), 1e-6);
    }

    @Test
    void emptyCategory_dropped_fromDegreesOfFreedom() {
        ChiSquare test = ChiSquare.between(List.of(10L, 10L, 0L, 10L), List.of(10L, 10L, 0L, 10L));
        assertEquals(0.0, test.statistic(), 1e-12);
        assertEquals(2, test.degreesOfFreedom());
        assertEquals(1.0, test.pValue(), 1e-12);
    }

    @Test
    void upperTail_knownQuantiles() {
        assertEquals(0.05, ChiSquare.upperTail(3.841459, 1), 1e-6);
        assertEquals(0.05, ChiSquare.upperTail(9.487729, 4), 1e-6);
        assertEquals(0.01, ChiSquare.upperTail(23.209251, 10), 1e-6);
    }
}
