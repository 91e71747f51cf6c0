package dev.mlops.contract;

import dev.mlops.model.FeatureSpec;

/**
 * One column of the model's input tensor.
 *
 * @param name      the column's name inside the trained model (Tribuo's feature name, e.g. {@code purpose=car})
 * @param feature   the record field it is computed from
 * @param transform how it is computed
 */
public record TensorColumn(String name, String feature, ColumnTransform transform) {

    public TensorColumn {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tensor column needs a name");
        }
        FeatureSpec.checkName(feature);
        if (transform == null) {
            throw new IllegalArgumentException("tensor column '" + name + "' needs a transform");
        }
    }

    /** The name a one-hot column of {@code feature} for {@code level} gets. */
    public static String oneHotName(String feature, String level) {
        return feature + "=" + level;
    }
}
