package dev.mlops.contract;

import dev.mlops.model.CategoricalFeature;
import dev.mlops.model.FeatureSpec;
import dev.mlops.model.NumericFeature;
import dev.mlops.model.OutOfRangePolicy;
import dev.mlops.model.UnknownLevelPolicy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a named record becomes the exact float tensor row a model's ONNX graph expects: the record's features with
 * their contracts (ranges, levels, policies) and the ordered tensor columns computed from them.
 *
 * <p>Encoding checks the whole record and reports every broken field at once: missing, unknown, mistyped,
 * NaN or infinite, out of range (unless clipped), unknown level (unless ignored or mapped to a fallback).
 */
public record InputContract(String tensorName, List<FeatureSpec> features, List<TensorColumn> columns) {

    public InputContract {
        if (tensorName == null || tensorName.isBlank()) {
            throw new IllegalArgumentException("input contract needs a tensorName");
        }
        features = List.copyOf(features);
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("input contract needs at least one tensor column");
        }
        Map<String, FeatureSpec> byName = new HashMap<>();
        features.forEach(f -> byName.put(f.name(), f));
        Set<String> columnNames = new HashSet<>();
        for (TensorColumn column : columns) {
            if (!columnNames.add(column.name())) {
                throw new IllegalArgumentException("tensor column '" + column.name() + "' appears twice");
            }
            checkColumnMatchesFeature(column, byName.get(column.feature()));
        }
    }

    /** Number of tensor columns, the graph input's second dimension. */
    public int width() {
        return columns.size();
    }

    /** Tensor column names in tensor order. */
    public List<String> columnNames() {
        return columns.stream().map(TensorColumn::name).toList();
    }

    /**
     * Encodes one record as a tensor row of doubles (Tribuo's precision).
     *
     * @throws InvalidRecordException listing every broken field
     */
    public double[] encode(Map<String, ?> record) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> cleaned = new HashMap<>();
        for (FeatureSpec feature : features) {
            Object value = record.get(feature.name());
            if (value == null) {
                errors.add(new FieldError(feature.name(), record.containsKey(feature.name()) ? "must not be null" : "missing"));
                continue;
            }
            Object clean = feature instanceof NumericFeature numeric ? cleanNumber(numeric, value, errors)
                    : cleanLevel((CategoricalFeature) feature, value, errors);
            cleaned.put(feature.name(), clean);
        }
        for (String field : record.keySet()) {
            if (features.stream().noneMatch(f -> f.name().equals(field))) {
                errors.add(new FieldError(field, "unknown field (expected: " + features.stream().map(FeatureSpec::name).toList() + ")"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRecordException(errors);
        }
        double[] row = new double[columns.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = apply(columns.get(i), cleaned.get(columns.get(i).feature()));
        }
        return row;
    }

    /** {@link #encode} as ONNX Runtime's float precision. */
    public float[] encodeFloats(Map<String, ?> record) {
        double[] row = encode(record);
        float[] floats = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            floats[i] = (float) row[i];
        }
        return floats;
    }

    private static Object cleanNumber(NumericFeature feature, Object value, List<FieldError> errors) {
        if (!(value instanceof Number number) ) {
            errors.add(new FieldError(feature.name(), "must be a number, got " + describe(value)));
            return null;
        }
        double x = number.doubleValue();
        if (!Double.isFinite(x)) {
            errors.add(new FieldError(feature.name(), "must be finite, got " + x));
            return null;
        }
        if (!feature.range().contains(x)) {
            if (feature.onOutOfRange() == OutOfRangePolicy.CLIP) {
                return feature.range().clip(x);
            }
            errors.add(new FieldError(feature.name(), "out of range [" + feature.range().min() + ", "
                    + feature.range().max() + "], got " + x));
            return null;
        }
        return x;
    }

    private static Object cleanLevel(CategoricalFeature feature, Object value, List<FieldError> errors) {
        if (!(value instanceof String level)) {
            errors.add(new FieldError(feature.name(), "must be a string, got " + describe(value)));
            return null;
        }
        if (feature.values().contains(level)) {
            return level;
        }
        if (feature.onUnknown() == UnknownLevelPolicy.FALLBACK) {
            return feature.fallback();
        }
        if (feature.onUnknown() == UnknownLevelPolicy.IGNORE) {
            return level;
        }
        errors.add(new FieldError(feature.name(), "unknown level '" + level + "' (allowed: " + feature.values() + ")"));
        return null;
    }

    private static double apply(TensorColumn column, Object value) {
        ColumnTransform transform = column.transform();
        if (transform instanceof ColumnTransform.OneHot oneHot) {
            return oneHot.level().equals(value) ? 1.0 : 0.0;
        }
        double x = (Double) value;
        if (transform instanceof ColumnTransform.Standardize s) {
            return (x - s.mean()) / s.std();
        }
        if (transform instanceof ColumnTransform.LogStandardize s) {
            return (Math.log1p(x) - s.mean()) / s.std();
        }
        return x;
    }

    private static String describe(Object value) {
        String type = value instanceof Boolean ? "boolean" : value instanceof Number ? "number"
                : value instanceof String ? "string" : value instanceof Map ? "object" : value instanceof List ? "array"
                : value.getClass().getSimpleName();
        String text = String.valueOf(value);
        return type + " " + (value instanceof String ? "'" + text + "'" : text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    private static void checkColumnMatchesFeature(TensorColumn column, FeatureSpec feature) {
        if (feature == null) {
            throw new IllegalArgumentException("tensor column '" + column.name() + "' reads feature '" + column.feature()
                    + "', which the contract does not declare");
        }
        boolean oneHot = column.transform() instanceof ColumnTransform.OneHot;
        if (oneHot != (feature instanceof CategoricalFeature)) {
            throw new IllegalArgumentException("tensor column '" + column.name() + "': transform "
                    + column.transform().getClass().getSimpleName() + " does not fit " + (oneHot ? "numeric" : "categorical")
                    + " feature '" + feature.name() + "'");
        }
        if (oneHot && !((CategoricalFeature) feature).values().contains(((ColumnTransform.OneHot) column.transform()).level())) {
            throw new IllegalArgumentException("tensor column '" + column.name() + "': level is not declared by feature '"
                    + feature.name() + "'");
        }
    }
}
