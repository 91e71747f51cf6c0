package dev.mlops.pipeline.drift;

import dev.mlops.drift.Baseline;
import dev.mlops.drift.CategoricalHistogram;
import dev.mlops.drift.Histogram;
import dev.mlops.drift.NumericHistogram;
import dev.mlops.pipeline.capture.CaptureRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A window of live predictions counted into the baseline's own bins, one row at a time: memory is the bins, not
 * the rows, so a window of millions of rows costs the same as one of a thousand.
 */
public final class WindowCounts {

    private final List<Counter> counters = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final Counter score;
    private long rows;

    /** Counters for every feature of {@code baseline} and for its score. */
    public WindowCounts(Baseline baseline) {
        baseline.features().forEach((name, histogram) -> {
            index.put(name, counters.size());
            counters.add(counter(name, histogram));
        });
        this.score = counter(DriftAnalysis.SCORE, baseline.score());
    }

    /**
     * One row's values by feature position, reused from line to line by a parser that counts without building a
     * map per row (the hot path of a drift check over millions of lines).
     */
    public static final class Row {
        final double[] numbers;
        final String[] texts;
        final boolean[] present;

        private Row(int features) {
            numbers = new double[features];
            texts = new String[features];
            present = new boolean[features];
        }

        /** Clears the row for the next line. */
        public void clear() {
            java.util.Arrays.fill(present, false);
            java.util.Arrays.fill(texts, null);
        }

        /** Sets feature {@code i} to a number. */
        public void number(int i, double value) {
            numbers[i] = value;
            texts[i] = null;
            present[i] = true;
        }

        /** Sets feature {@code i} to a text. */
        public void text(int i, String value) {
            texts[i] = value;
            present[i] = true;
        }
    }

    /** A row buffer for {@link #add(Row, double)}. */
    public Row newRow() {
        return new Row(counters.size());
    }

    /** The baseline's feature names in {@link Row} position order. */
    public List<String> featureNames() {
        return counters.stream().map(c -> c.name).toList();
    }

    /** The position of a baseline feature in a {@link Row}, or -1 for a name the baseline does not know. */
    public int indexOf(String feature) {
        Integer i = index.get(feature);
        return i == null ? -1 : i;
    }

    /** Counts one row read into {@code row}, with its score. */
    public void add(Row row, double probability) {
        rows++;
        for (int i = 0; i < counters.size(); i++) {
            Counter counter = counters.get(i);
            if (!row.present[i]) {
                counter.missing++;
            } else if (row.texts[i] != null) {
                counter.addText(row.texts[i]);
            } else {
                counter.addNumber(row.numbers[i]);
            }
        }
        score.add(probability);
    }

    /** Counts one prediction: each feature value into its bin, the probability into the score bins. */
    public void add(CaptureRecord.Prediction prediction) {
        rows++;
        Map<String, Object> inputs = prediction.inputs();
        for (Counter counter : counters) {
            counter.add(inputs.get(counter.name));
        }
        score.add(prediction.probability());
    }

    /** Adds {@code other}'s counts (a window counted over other files against the same baseline) to these. */
    public void merge(WindowCounts other) {
        if (other.counters.size() != counters.size()) {
            throw new IllegalArgumentException("window counts of different baselines cannot be merged");
        }
        rows += other.rows;
        for (int i = 0; i < counters.size(); i++) {
            counters.get(i).merge(other.counters.get(i));
        }
        score.merge(other.score);
    }

    /** Rows counted. */
    public long rows() {
        return rows;
    }

    /** Counts per bin of each feature, in the baseline's bin order. */
    public Map<String, long[]> features() {
        Map<String, long[]> counts = new LinkedHashMap<>();
        counters.forEach(c -> counts.put(c.name, c.counts.clone()));
        return counts;
    }

    /** Rows without a usable value per feature (absent, redacted, wrong type). */
    public Map<String, Long> missing() {
        Map<String, Long> missing = new LinkedHashMap<>();
        counters.forEach(c -> missing.put(c.name, c.missing));
        return missing;
    }

    /** Counts per score bin. */
    public long[] score() {
        return score.counts.clone();
    }

    private static Counter counter(String name, Histogram histogram) {
        if (histogram instanceof NumericHistogram n) {
            return new Counter(name, n.edges().stream().mapToDouble(Double::doubleValue).toArray(), null);
        }
        CategoricalHistogram c = (CategoricalHistogram) histogram;
        Map<String, Integer> levels = new HashMap<>();
        for (int i = 0; i < c.levels().size(); i++) {
            levels.put(c.levels().get(i), i);
        }
        return new Counter(name, null, levels);
    }

    /** Bins of one variable: numeric edges or categorical levels (plus the "other" bin). */
    private static final class Counter {
        final String name;
        final double[] edges;
        final Map<String, Integer> levels;
        final long[] counts;
        long missing;

        Counter(String name, double[] edges, Map<String, Integer> levels) {
            this.name = name;
            this.edges = edges;
            this.levels = levels;
            this.counts = new long[edges != null ? edges.length + 1 : levels.size() + 1];
        }

        void add(Object value) {
            if (value instanceof Double d) {
                addNumber(d);
            } else if (value instanceof String s) {
                addText(s);
            } else {
                missing++;
            }
        }

        void addNumber(double value) {
            if (edges != null && !Double.isNaN(value)) {
                counts[bin(value)]++;
            } else {
                missing++;
            }
        }

        void addText(String value) {
            if (levels != null) {
                counts[levels.getOrDefault(value, levels.size())]++;
            } else {
                missing++;
            }
        }

        void merge(Counter other) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
            missing += other.missing;
        }

        void add(double value) {
            counts[bin(value)]++;
        }

        // Bin i holds edges[i-1] < v <= edges[i], as NumericHistogram counts the baseline.
        private int bin(double value) {
            int i = Arrays.binarySearch(edges, value);
            return i >= 0 ? i : -i - 1;
        }
    }
}
