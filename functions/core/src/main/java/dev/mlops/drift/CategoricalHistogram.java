package dev.mlops.drift;

import java.util.List;
import java.util.Map;

/**
 * Counts per declared level of a categorical variable, plus one last bin for values outside the levels
 * (so an unknown level showing up in live traffic is visible as drift).
 */
public record CategoricalHistogram(List<String> levels, List<Long> counts) implements Histogram {

    public CategoricalHistogram {
        levels = List.copyOf(levels);
        counts = List.copyOf(counts);
        if (counts.size() != levels.size() + 1) {
            throw new IllegalArgumentException("categorical histogram needs levels.size() + 1 counts (the last for other"
                    + " values), got " + levels.size() + " levels and " + counts.size() + " counts");
        }
    }

    /** Counts {@code frequencies} (level to count) into {@code levels}; levels not declared go to the last bin. */
    public static CategoricalHistogram of(List<String> levels, Map<String, Long> frequencies) {
        Long[] counts = new Long[levels.size() + 1];
        java.util.Arrays.fill(counts, 0L);
        frequencies.forEach((level, n) -> {
            int i = levels.indexOf(level);
            counts[i >= 0 ? i : levels.size()] += n;
        });
        return new CategoricalHistogram(levels, List.of(counts));
    }
}
