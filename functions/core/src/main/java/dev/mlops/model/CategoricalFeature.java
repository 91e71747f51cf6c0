package dev.mlops.model;

import java.util.HashSet;
import java.util.List;

/**
 * A categorical feature, one-hot encoded over its declared levels.
 *
 * @param values    the allowed levels, in the order their one-hot columns are declared
 * @param onUnknown {@code reject} (default: a 400 naming the value), {@code ignore} (all one-hot columns zero),
 *                  or {@code fallback} (treated as the level named by {@code fallback})
 * @param fallback  the level unknown values map to; required with {@code onUnknown: fallback}, else absent
 */
public record CategoricalFeature(String name, String description, List<String> values, UnknownLevelPolicy onUnknown,
                                 String fallback) implements FeatureSpec {

    public CategoricalFeature {
        FeatureSpec.checkName(name);
        description = Checks.orDefault(description, "");
        values = Checks.nonEmpty(values, "values");
        if (new HashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("feature '" + name + "': 'values' has duplicates: " + values);
        }
        if (values.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("feature '" + name + "': 'values' has a blank level");
        }
        onUnknown = Checks.orDefault(onUnknown, UnknownLevelPolicy.REJECT);
        if (onUnknown == UnknownLevelPolicy.FALLBACK && (fallback == null || !values.contains(fallback))) {
            throw new IllegalArgumentException("feature '" + name + "': onUnknown 'fallback' needs 'fallback' naming one of "
                    + values + ", got " + fallback);
        }
        if (onUnknown != UnknownLevelPolicy.FALLBACK && fallback != null) {
            throw new IllegalArgumentException("feature '" + name + "': 'fallback' is only allowed with onUnknown 'fallback'");
        }
    }
}
