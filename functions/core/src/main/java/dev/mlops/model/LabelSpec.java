package dev.mlops.model;

/**
 * The binary label column: its name and the text of its positive and negative classes as they appear in data.
 */
public record LabelSpec(String name, String positive, String negative, String description) {

    public LabelSpec {
        FeatureSpec.checkName(name);
        positive = Checks.orDefault(positive, "1");
        negative = Checks.orDefault(negative, "0");
        description = Checks.orDefault(description, "");
        if (positive.equals(negative)) {
            throw new IllegalArgumentException("label: 'positive' and 'negative' must differ, both are '" + positive + "'");
        }
    }
}
