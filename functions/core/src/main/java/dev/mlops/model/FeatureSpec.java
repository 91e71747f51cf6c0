package dev.mlops.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.regex.Pattern;

/**
 * One input feature of a model: its name, its type and what to do with values outside its contract.
 * The closed set of types is {@link NumericFeature} and {@link CategoricalFeature}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NumericFeature.class, name = "numeric"),
        @JsonSubTypes.Type(value = CategoricalFeature.class, name = "categorical")
})
public sealed interface FeatureSpec permits NumericFeature, CategoricalFeature {

    /** Feature names are identifiers so that they are valid CSV headers, JSON keys and metric dimensions. */
    Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** The feature's name, as it appears in records, CSV headers and the input contract. */
    String name();

    /** A one-line description for model cards; may be empty. */
    String description();

    static String checkName(String name) {
        Checks.present(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("feature name '" + name + "' must match " + NAME.pattern());
        }
        return name;
    }
}
