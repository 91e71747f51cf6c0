package dev.mlops.pipeline.canary;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AucErrorTest {

    @Test
    void standardError_handComputedHanleyMcNeil() {
        // A = 0.8, 50 + 50 labels: Q1 = 0.8/1.2, Q2 = 1.28/1.8,
        // SE^2 = (0.16 + 49 (Q1 - 0.64) + 49 (Q2 - 0.64)) / 2500 = 0.0019804 -> SE 0.044502.
        assertEquals(0.044502, AucError.standardError(0.8, 50, 50), 1e-6);
    }

    @Test
    void errorRateRatio_championWithoutErrors_flooredAtOneOverMinimum() {
        VariantSample challenger = new VariantSample();
        VariantSample champion = new VariantSample();
        challenger.requests(200, 1);
        champion.requests(1800, 0);
        // 0.005 / max(0, 1/100) = 0.5: one error in 200 is not a regression.
        assertEquals(0.5, CanaryAnalysis.errorRateRatio(challenger, champion, 100), 1e-12);
    }
}
