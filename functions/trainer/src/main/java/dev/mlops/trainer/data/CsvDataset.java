package dev.mlops.trainer.data;

import dev.mlops.model.CategoricalFeature;
import dev.mlops.model.FeatureSpec;
import dev.mlops.model.LabelSpec;
import dev.mlops.model.ModelConfig;
import dev.mlops.model.NumericFeature;
import dev.mlops.model.OutOfRangePolicy;
import dev.mlops.model.UnknownLevelPolicy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A training CSV checked against a model's contracts and held column by column in primitive arrays (a million
 * rows of the credit-risk model take about 80 MB, not a map per row).
 *
 * <p>Format: UTF-8, a header line naming exactly the config's features and its label in any order, then one
 * comma-separated row per line; blank lines are skipped; fields are trimmed and may be wrapped in double quotes
 * (quoted commas are not supported). Values are cleaned as the inference API would clean them: numeric values out
 * of range are clipped or rejected per {@code onOutOfRange}, unknown levels rejected, ignored or mapped to the
 * fallback per {@code onUnknown}. The SHA-256 of the bytes read is recorded for the package lineage.
 */
public final class CsvDataset {

    private final ModelConfig config;
    private final String source;
    private final String sha256;
    private final int rows;
    private final double[][] numeric;
    private final int[][] levels;
    private final List<Map<Integer, String>> ignoredLevels;
    private final boolean[] positive;

    private CsvDataset(ModelConfig config, String source, String sha256, int rows, double[][] numeric, int[][] levels,
                       List<Map<Integer, String>> ignoredLevels, boolean[] positive) {
        this.config = config;
        this.source = source;
        this.sha256 = sha256;
        this.rows = rows;
        this.numeric = numeric;
        this.levels = levels;
        this.ignoredLevels = ignoredLevels;
        this.positive = positive;
    }

    /** Reads a whole CSV held in memory. */
    public static CsvDataset read(byte[] csv, ModelConfig config, String source) {
        return read(new ByteArrayInputStream(csv), config, source);
    }

    /**
     * Reads and checks a CSV stream to its end (the stream is not closed).
     *
     * @param source where the bytes come from, for error messages and lineage
     * @throws TrainingDataException naming the source, line, column, value and expectation of the first problem
     */
    public static CsvDataset read(InputStream in, ModelConfig config, String source) {
        MessageDigest digest = sha256Digest();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new DigestInputStream(nonClosing(in), digest),
                StandardCharsets.UTF_8), 1 << 16)) {
            return new Parser(config, source).parse(reader, digest);
        } catch (IOException e) {
            throw new TrainingDataException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The config the data was checked against. */
    public ModelConfig config() {
        return config;
    }

    /** Where the data was read from. */
    public String source() {
        return source;
    }

    /** SHA-256 (lowercase hex) of the bytes read. */
    public String sha256() {
        return sha256;
    }

    /** Number of data rows. */
    public int rows() {
        return rows;
    }

    /** Whether row {@code row} has the positive label. */
    public boolean isPositive(int row) {
        return positive[row];
    }

    /** The cleaned values of numeric feature {@code feature} at the given rows. */
    public double[] numericValues(String feature, int[] rowIndexes) {
        double[] column = numeric[index(feature, NumericFeature.class)];
        double[] values = new double[rowIndexes.length];
        for (int i = 0; i < rowIndexes.length; i++) {
            values[i] = column[rowIndexes[i]];
        }
        return values;
    }

    /** The level of categorical feature {@code feature} at {@code row}: a declared level, or the unknown text kept under {@code onUnknown: ignore}. */
    public String level(String feature, int row) {
        int f = index(feature, CategoricalFeature.class);
        int code = levels[f][row];
        return code >= 0 ? ((CategoricalFeature) config.features().get(f)).values().get(code) : ignoredLevels.get(f).get(row);
    }

    /** Row {@code row} as a named record of cleaned values ({@code Double} for numbers, {@code String} for levels). */
    public Map<String, Object> record(int row) {
        Map<String, Object> record = new LinkedHashMap<>();
        List<FeatureSpec> features = config.features();
        for (int f = 0; f < features.size(); f++) {
            FeatureSpec feature = features.get(f);
            record.put(feature.name(), feature instanceof NumericFeature ? (Object) numeric[f][row] : level(feature.name(), row));
        }
        return record;
    }

    private int index(String feature, Class<? extends FeatureSpec> type) {
        List<FeatureSpec> features = config.features();
        for (int f = 0; f < features.size(); f++) {
            if (features.get(f).name().equals(feature) && type.isInstance(features.get(f))) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + feature + "' is not a " + type.getSimpleName() + " of model " + config.name());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }

    private static InputStream nonClosing(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        };
    }

    /** One pass over the text; grows the column arrays by doubling. */
    private static final class Parser {
        private final ModelConfig config;
        private final String source;
        private final List<FeatureSpec> features;
        private final int width;
        private int capacity = 1024;
        private int rows;
        private double[][] numeric;
        private int[][] levels;
        private final List<Map<Integer, String>> ignored = new ArrayList<>();
        private boolean[] positive = new boolean[capacity];
        /** For each CSV column: the feature index it feeds, or -1 for the label. */
        private int[] target;
        private String[] header;

        Parser(ModelConfig config, String source) {
            this.config = config;
            this.source = source;
            this.features = config.features();
            this.width = features.size() + 1;
            numeric = new double[features.size()][];
            levels = new int[features.size()][];
            for (int f = 0; f < features.size(); f++) {
                if (features.get(f) instanceof NumericFeature) {
                    numeric[f] = new double[capacity];
                } else {
                    levels[f] = new int[capacity];
                }
                ignored.add(new HashMap<>());
            }
        }

        CsvDataset parse(BufferedReader reader, MessageDigest digest) throws IOException {
            String headerLine = reader.readLine();
            if (headerLine == null || headerLine.isBlank()) {
                throw new TrainingDataException(source + ": empty file: expected a header line naming "
                        + expectedColumns());
            }
            readHeader(stripBom(headerLine));
            String[] fields = new String[width];
            int lineNumber = 1;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                split(line, lineNumber, fields);
                addRow(fields, lineNumber);
            }
            if (rows == 0) {
                throw new TrainingDataException(source + ": no data rows: the file has only a header line");
            }
            checkBothClasses();
            for (int f = 0; f < features.size(); f++) {
                numeric[f] = numeric[f] == null ? null : Arrays.copyOf(numeric[f], rows);
                levels[f] = levels[f] == null ? null : Arrays.copyOf(levels[f], rows);
            }
            return new CsvDataset(config, source, HexFormat.of().formatHex(digest.digest()), rows, numeric, levels,
                    List.copyOf(ignored), Arrays.copyOf(positive, rows));
        }

        private void readHeader(String line) {
            header = line.split(",", -1);
            for (int i = 0; i < header.length; i++) {
                header[i] = unquote(header[i].trim());
            }
            List<String> expected = expectedColumns();
            TreeSet<String> missing = new TreeSet<>(expected);
            missing.removeAll(Arrays.asList(header));
            TreeSet<String> extra = new TreeSet<>(Arrays.asList(header));
            extra.removeAll(expected);
            TreeSet<String> seen = new TreeSet<>();
            TreeSet<String> duplicated = new TreeSet<>();
            for (String name : header) {
                if (!seen.add(name)) {
                    duplicated.add(name);
                }
            }
            if (!missing.isEmpty() || !extra.isEmpty() || !duplicated.isEmpty()) {
                StringBuilder problem = new StringBuilder(source + ": header must name exactly the features and the label of model '"
                        + config.name() + "' " + expected + " in any order;");
                if (!missing.isEmpty()) {
                    problem.append(" missing column(s) ").append(missing).append(';');
                }
                if (!extra.isEmpty()) {
                    problem.append(" unexpected column(s) ").append(extra).append(';');
                }
                if (!duplicated.isEmpty()) {
                    problem.append(" duplicated column(s) ").append(duplicated).append(';');
                }
                throw new TrainingDataException(problem.substring(0, problem.length() - 1));
            }
            target = new int[header.length];
            for (int i = 0; i < header.length; i++) {
                target[i] = -1;
                for (int f = 0; f < features.size(); f++) {
                    if (features.get(f).name().equals(header[i])) {
                        target[i] = f;
                    }
                }
            }
        }

        private List<String> expectedColumns() {
            List<String> expected = new ArrayList<>(config.featureNames());
            expected.add(config.label().name());
            return expected;
        }

        private void split(String line, int lineNumber, String[] fields) {
            int start = 0;
            for (int i = 0; i < width; i++) {
                int comma = line.indexOf(',', start);
                if (i < width - 1 && comma < 0 || i == width - 1 && comma >= 0) {
                    long count = line.chars().filter(c -> c == ',').count() + 1;
                    throw new TrainingDataException(source + ": line " + lineNumber + ": expected " + width
                            + " comma-separated fields like the header, got " + count);
                }
                fields[i] = unquote(line.substring(start, comma < 0 ? line.length() : comma).trim());
                start = comma + 1;
            }
        }

        private void addRow(String[] fields, int lineNumber) {
            if (rows == capacity) {
                grow();
            }
            for (int i = 0; i < width; i++) {
                int f = target[i];
                if (f < 0) {
                    positive[rows] = label(fields[i], lineNumber);
                } else if (features.get(f) instanceof NumericFeature feature) {
                    numeric[f][rows] = number(feature, fields[i], lineNumber);
                } else {
                    levels[f][rows] = level(f, (CategoricalFeature) features.get(f), fields[i], lineNumber);
                }
            }
            rows++;
        }

        private boolean label(String value, int lineNumber) {
            LabelSpec label = config.label();
            if (value.equals(label.positive())) {
                return true;
            }
            if (value.equals(label.negative())) {
                return false;
            }
            throw new TrainingDataException(source + ": line " + lineNumber + ", column '" + label.name() + "': label '"
                    + value + "' is neither the positive class '" + label.positive() + "' nor the negative class '"
                    + label.negative() + "'");
        }

        private double number(NumericFeature feature, String text, int lineNumber) {
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new TrainingDataException(where(lineNumber, feature) + "not a number: '" + text + "'");
            }
            if (!Double.isFinite(value)) {
                throw new TrainingDataException(where(lineNumber, feature) + "must be finite, got '" + text + "'");
            }
            if (!feature.range().contains(value)) {
                if (feature.onOutOfRange() == OutOfRangePolicy.CLIP) {
                    return feature.range().clip(value);
                }
                throw new TrainingDataException(where(lineNumber, feature) + "value " + text + " is outside the range ["
                        + feature.range().min() + ", " + feature.range().max() + "] (onOutOfRange: reject)");
            }
            return value;
        }

        private int level(int f, CategoricalFeature feature, String text, int lineNumber) {
            int code = feature.values().indexOf(text);
            if (code >= 0) {
                return code;
            }
            if (feature.onUnknown() == UnknownLevelPolicy.FALLBACK) {
                return feature.values().indexOf(feature.fallback());
            }
            if (feature.onUnknown() == UnknownLevelPolicy.IGNORE) {
                ignored.get(f).put(rows, text);
                return -1;
            }
            throw new TrainingDataException(where(lineNumber, feature) + "unknown level '" + text + "' (allowed: "
                    + feature.values() + "; onUnknown: reject)");
        }

        private String where(int lineNumber, FeatureSpec feature) {
            return source + ": line " + lineNumber + ", column '" + feature.name() + "': ";
        }

        private void checkBothClasses() {
            int positives = 0;
            for (int i = 0; i < rows; i++) {
                positives += positive[i] ? 1 : 0;
            }
            if (positives == 0 || positives == rows) {
                LabelSpec label = config.label();
                String only = positives == 0 ? label.negative() : label.positive();
                throw new TrainingDataException(source + ": label '" + label.name() + "' has only one class: all " + rows
                        + " rows are '" + only + "'; training needs both '" + label.positive() + "' and '"
                        + label.negative() + "'");
            }
        }

        private void grow() {
            capacity *= 2;
            for (int f = 0; f < features.size(); f++) {
                if (numeric[f] != null) {
                    numeric[f] = Arrays.copyOf(numeric[f], capacity);
                } else {
                    levels[f] = Arrays.copyOf(levels[f], capacity);
                }
            }
            positive = Arrays.copyOf(positive, capacity);
        }

        private static String unquote(String field) {
            return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"") ? field.substring(1, field.length() - 1) : field;
        }

        private static String stripBom(String line) {
            return line.startsWith("\uFEFF") ? line.substring(1) : line;
        }
    }
}
