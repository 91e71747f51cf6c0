package dev.mlops.model;

/**
 * A numeric feature with its allowed range, the policy for values outside it, and the transform
 * applied before the value enters the model's tensor.
 *
 * @param onOutOfRange {@code reject} (the default: a 400 at inference, an error in training data) or {@code clip}
 * @param transform    {@code standardize} (default), {@code log-standardize} (log1p, then standardize; for skewed
 *                     amounts) or {@code none}; the statistics are frozen from training data into the input contract
 */
public record NumericFeature(String name, String description, Range range, OutOfRangePolicy onOutOfRange,
                             NumericTransform transform) implements FeatureSpec {

    public NumericFeature {
        FeatureSpec.checkName(name);
        description = Checks.orDefault(description, "");
        Checks.present(range, "range");
        onOutOfRange = Checks.orDefault(onOutOfRange, OutOfRangePolicy.REJECT);
        transform = Checks.orDefault(transform, NumericTransform.STANDARDIZE);
        if (transform == NumericTransform.LOG_STANDARDIZE && range.min() <= -1) {
            throw new IllegalArgumentException("feature '" + name + "': log-standardize needs range.min > -1, got " + range.min());
        }
    }
}
