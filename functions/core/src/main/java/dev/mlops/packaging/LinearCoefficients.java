package dev.mlops.packaging;

import java.util.List;

/**
 * The positive-class logit of a linear model as {@code intercept + sum(weights[i] * column[i])}, over the
 * transformed tensor columns. Lets the inference API explain a prediction exactly:
 * contribution of column i = weights[i] * (column[i] - baseline mean of column i).
 *
 * @param intercept   bias of the positive-class logit
 * @param weights     one weight per tensor column, in tensor order
 * @param columnMeans mean of each transformed column on the training data, in tensor order
 */
public record LinearCoefficients(double intercept, List<Double> weights, List<Double> columnMeans) {

    public LinearCoefficients {
        weights = List.copyOf(weights);
        columnMeans = List.copyOf(columnMeans);
        if (weights.size() != columnMeans.size()) {
            throw new IllegalArgumentException("linear coefficients need one mean per weight, got " + weights.size()
                    + " weights and " + columnMeans.size() + " means");
        }
        if (!Double.isFinite(intercept) || weights.stream().anyMatch(w -> !Double.isFinite(w))) {
            throw new IllegalArgumentException("linear coefficients must be finite");
        }
    }
}
