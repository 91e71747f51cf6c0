package dev.mlops.drift;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PsiTest {

    @Test
    void sameShares_between_zero() {
        assertEquals(0.0, Psi.between(List.of(10L, 30L), List.of(100L, 300L)), 1e-12);
    }

    @Test
    void shiftedShares_between_handComputed() {
        double expected = (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5);
        assertEquals(expected, Psi.between(List.of(50L, 50L), List.of(25L, 75L)), 1e-12);
        assertEquals(0.274653, expected, 1e-6);
    }

    @Test
    void emptyBin_between_floorShareKeepsItFinite() {
        double e = Psi.EMPTY_BIN_SHARE;
        double expected = (e - 0.5) * Math.log(e / 0.5) + (1 - 0.5) * Math.log(1 / 0.5);
        assertEquals(expected, Psi.between(List.of(1L, 1L), List.of(0L, 4L)), 1e-12);
    }

    @Test
    void differentBins_between_refused() {
        assertThrows(IllegalArgumentException.class, () -> Psi.between(List.of(1L), List.of(1L, 2L)));
    }
}
