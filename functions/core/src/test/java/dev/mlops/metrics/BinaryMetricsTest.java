package dev.mlops.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BinaryMetricsTest {

    @Test
    void fourRows_of_matchHandComputedValues() {
        BinaryMetrics m = BinaryMetrics.of(new double[]{0.1, 0.4, 0.35, 0.8}, new boolean[]{false, false, true, true});
        // positive/negative pairs won: 0.35>0.1, 0.8>0.1, 0.8>0.4; lost: 0.35<0.4
        assertEquals(0.75, m.auc(), 1e-12);
        assertEquals(0.75, m.accuracy(), 1e-12);
        assertEquals(-(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4, m.logLoss(), 1e-12);
        // one row per bin: |0.1-0| + |0.4-0| + |0.35-1| + |0.8-1|, over 4 rows
        assertEquals(1.35 / 4, m.calibrationError(), 1e-12);
        assertEquals(4, m.rows());
        assertEquals(0.5, m.positiveRate(), 1e-12);
    }

    @Test
    void tiedScores_auc_countedHalf() {
        assertEquals(0.5, BinaryMetrics.of(new double[]{0.3, 0.3}, new boolean[]{true, false}).auc(), 1e-12);
        assertEquals(0.75, BinaryMetrics.of(new double[]{0.3, 0.3, 0.9}, new boolean[]{true, false, true}).auc(), 1e-12);
    }

    @Test
    void certainWrongAnswer_logLoss_clamped() {
        BinaryMetrics m = BinaryMetrics.of(new double[]{0.0, 1.0}, new boolean[]{true, false});
        // 1 - 1e-15 is not exact in binary, hence the looser tolerance
        assertEquals(-Math.log(1e-15), m.logLoss(), 1e-3);
        assertEquals(0.0, m.auc(), 1e-12);
    }

    @Test
    void oneClass_of_refusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.of(new double[]{0.1, 0.2}, new boolean[]{false, false}));
        assertEquals("metrics need both classes among the rows; all 2 are negative", e.getMessage());
    }
}
