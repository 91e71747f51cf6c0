package dev.mlops.pipeline.evaluation;

import dev.mlops.drift.NumericHistogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class RebinningTest {

    @Test
    void sameEdges_into_exact() {
        NumericHistogram h = new NumericHistogram(List.of(1.0, 2.0, 3.0), List.of(5L, 10L, 20L, 7L));
        assertArrayEquals(new double[] {5, 10, 20, 7}, Rebinning.into(h, h), 1e-12);
    }

    @Test
    void finerTarget_into_splitsInnerBinsByOverlap() {
        // Source bins (-inf,0], (0,4], (4,inf) with 10, 40, 10; target edges 0, 1, 2, 4.
        // (0,4] spreads 10 per unit: (0,1] 10, (1,2] 10, (2,4] 20; outer masses sit at 0 and just above 4.
        NumericHistogram source = new NumericHistogram(List.of(0.0, 4.0), List.of(10L, 40L, 10L));
        NumericHistogram target = new NumericHistogram(List.of(0.0, 1.0, 2.0, 4.0), List.of(0L, 0L, 0L, 0L, 0L));
        assertArrayEquals(new double[] {10, 10, 10, 20, 10}, Rebinning.into(source, target), 1e-12);
    }

    @Test
    void coarserTarget_into_sumsBins() {
        NumericHistogram source = new NumericHistogram(List.of(1.0, 2.0, 3.0), List.of(5L, 10L, 20L, 7L));
        NumericHistogram target = new NumericHistogram(List.of(2.0), List.of(0L, 0L));
        assertArrayEquals(new double[] {15, 27}, Rebinning.into(source, target), 1e-12);
    }
}
