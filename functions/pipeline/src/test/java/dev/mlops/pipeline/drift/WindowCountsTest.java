package dev.mlops.pipeline.drift;

import dev.mlops.drift.Baseline;
import dev.mlops.drift.NumericHistogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Live values land in the bins where the baseline's own counting ({@link NumericHistogram#binOf}) puts them. */
class WindowCountsTest {

    private static void assertSameBins(List<Double> edges, double[] values) {
        NumericHistogram histogram = new NumericHistogram(edges, Collections.nCopies(edges.size() + 1, 1L));
        WindowCounts counts = new WindowCounts(new Baseline(1, Map.of("x", histogram), histogram));
        WindowCounts.Row row = counts.newRow();
        long[] expected = new long[edges.size() + 1];
        for (double v : values) {
            row.clear();
            row.number(0, v);
            counts.add(row, 0.5);
            expected[histogram.binOf(v)]++;
        }
        assertArrayEquals(expected, counts.features().get("x"), edges.toString());
    }

    @Test
    void fewAndManyEdges_add_sameBinsAsTheBaselineCounting() {
        Random random = new Random(11);
        for (int size : new int[] {1, 9, 32, 33, 200}) {
            List<Double> edges = new ArrayList<>();
            double edge = -size / 2.0;
            for (int i = 0; i < size; i++) {
                edges.add(edge == 0 ? 0.0 : edge);
                edge += 0.5 + random.nextInt(3) * 0.25;
            }
            List<Double> values = new ArrayList<>(List.of(0.0, -0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
            for (double e : edges) {
                values.add(e);
                values.add(Math.nextUp(e));
                values.add(Math.nextDown(e));
            }
            for (int i = 0; i < 1000; i++) {
                values.add(random.nextGaussian() * size);
            }
            assertSameBins(edges, values.stream().mapToDouble(Double::doubleValue).toArray());
        }
        assertSameBins(List.of(-0.0, 1.0), new double[] {-0.0, 0.0, Math.nextUp(0.0), -Math.nextUp(0.0)});
    }
}
