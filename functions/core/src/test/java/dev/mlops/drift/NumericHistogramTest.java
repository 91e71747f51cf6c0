package dev.mlops.drift;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NumericHistogramTest {

    @Test
    void distinctValues_ofQuantiles_equalCounts() {
        NumericHistogram h = NumericHistogram.ofQuantiles(new double[]{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 5);
        assertEquals(List.of(2.0, 4.0, 6.0, 8.0), h.edges());
        assertEquals(List.of(2L, 2L, 2L, 2L, 2L), h.counts());
    }

    @Test
    void valueOnEdge_binOf_lowerBin() {
        NumericHistogram h = new NumericHistogram(List.of(1.0, 2.0), List.of(0L, 0L, 0L));
        assertEquals(0, h.binOf(1.0));
        assertEquals(1, h.binOf(1.5));
        assertEquals(1, h.binOf(2.0));
        assertEquals(2, h.binOf(2.0001));
        assertEquals(0, h.binOf(-1e9));
        assertEquals(2, h.binOf(1e9));
    }

    @Test
    void binaryFeature_ofQuantiles_twoBinsTiesTogether() {
        double[] values = new double[100];
        for (int i = 60; i < 100; i++) {
            values[i] = 1;
        }
        NumericHistogram h = NumericHistogram.ofQuantiles(values, 10);
        assertEquals(List.of(0.0), h.edges());
        assertEquals(List.of(60L, 40L), h.counts());
    }

    @Test
    void constantValues_ofQuantiles_oneBin() {
        NumericHistogram h = NumericHistogram.ofQuantiles(new double[]{3, 3, 3}, 10);
        assertEquals(List.of(), h.edges());
        assertEquals(List.of(3L), h.counts());
    }

    @Test
    void liveSample_withCountsOf_usesFrozenEdges() {
        NumericHistogram h = NumericHistogram.ofQuantiles(new double[]{1, 2, 3, 4}, 2).withCountsOf(new double[]{0, 100, 100});
        assertEquals(List.of(2.0), h.edges());
        assertEquals(List.of(1L, 2L), h.counts());
    }

    @Test
    void emptySample_ofQuantiles_refused() {
        assertThrows(IllegalArgumentException.class, () -> NumericHistogram.ofQuantiles(new double[0], 10));
    }

    @Test
    void unsortedEdges_constructor_refused() {
        assertThrows(IllegalArgumentException.class, () -> new NumericHistogram(List.of(2.0, 1.0), List.of(0L, 0L, 0L)));
    }

    @Test
    void categorical_of_undeclaredLevelsInLastBin() {
        CategoricalHistogram h = CategoricalHistogram.of(List.of("a", "b"), java.util.Map.of("a", 3L, "z", 2L, "y", 1L));
        assertEquals(List.of(3L, 0L, 3L), h.counts());
        assertEquals(6, h.total());
    }
}
