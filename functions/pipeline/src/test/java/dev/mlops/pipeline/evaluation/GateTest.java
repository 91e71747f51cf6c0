package dev.mlops.pipeline.evaluation;

import dev.mlops.drift.Baseline;
import dev.mlops.drift.CategoricalHistogram;
import dev.mlops.drift.NumericHistogram;
import dev.mlops.drift.Psi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GateTest {

    @Test
    void trainingDataShift_psi_handComputedPerFeature() {
        NumericHistogram score = new NumericHistogram(List.of(0.5), List.of(1L, 1L));
        Baseline champion = new Baseline(100, Map.of(
                "x", new NumericHistogram(List.of(1.0), List.of(50L, 50L)),
                "c", new CategoricalHistogram(List.of("a", "b"), List.of(50L, 50L, 0L))), score);
        Baseline candidate = new Baseline(100, Map.of(
                "x", new NumericHistogram(List.of(1.0), List.of(25L, 75L)),
                "c", new CategoricalHistogram(List.of("b", "a", "z"), List.of(50L, 25L, 25L, 0L))), score);

        Map<String, Double> psi = TrainingDataShift.psi(champion, candidate);

        assertEquals(0.274653, psi.get("x"), 1e-6);
        // Candidate levels mapped by name: a 25, b 50, z -> other 25.
        assertEquals(Psi.between(List.of(50L, 50L, 0L), List.of(25L, 50L, 25L)), psi.get("c"), 1e-12);
    }
}
