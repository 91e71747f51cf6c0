package dev.mlops.contract;

import dev.mlops.model.CategoricalFeature;
import dev.mlops.model.FeatureSpec;
import dev.mlops.model.NumericFeature;
import dev.mlops.model.NumericTransform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Freezes an {@link InputContract} from training data: streams the numeric values once (Welford's algorithm, so a
 * million rows need constant memory) and lays out the columns in Tribuo's order, which is the feature names
 * sorted as text. One-hot columns exist for every declared level, seen in the data or not.
 */
public final class ContractFitter {

    private final List<FeatureSpec> features;
    private final Map<String, RunningMoments> moments = new LinkedHashMap<>();

    public ContractFitter(List<FeatureSpec> features) {
        this.features = List.copyOf(features);
        for (FeatureSpec feature : features) {
            if (feature instanceof NumericFeature numeric && numeric.transform() != NumericTransform.NONE) {
                moments.put(numeric.name(), new RunningMoments());
            }
        }
    }

    /** Adds one training value of a numeric feature (already range-checked or clipped). */
    public void observe(String feature, double value) {
        RunningMoments m = moments.get(feature);
        if (m == null) {
            return;
        }
        NumericFeature numeric = (NumericFeature) features.stream().filter(f -> f.name().equals(feature)).findFirst().orElseThrow();
        m.add(numeric.transform() == NumericTransform.LOG_STANDARDIZE ? Math.log1p(value) : value);
    }

    /** The contract with the statistics seen so far. */
    public InputContract build(String tensorName) {
        List<TensorColumn> columns = new ArrayList<>();
        for (FeatureSpec feature : features) {
            if (feature instanceof CategoricalFeature categorical) {
                for (String level : categorical.values()) {
                    columns.add(new TensorColumn(TensorColumn.oneHotName(feature.name(), level), feature.name(),
                            new ColumnTransform.OneHot(level)));
                }
            } else {
                columns.add(new TensorColumn(feature.name(), feature.name(), numericTransform((NumericFeature) feature)));
            }
        }
        columns.sort(Comparator.comparing(TensorColumn::name));
        return new InputContract(tensorName, features, columns);
    }

    private ColumnTransform numericTransform(NumericFeature feature) {
        if (feature.transform() == NumericTransform.NONE) {
            return new ColumnTransform.Identity();
        }
        RunningMoments m = moments.get(feature.name());
        if (m.count < 2 || !(m.std() > 0)) {
            throw new IllegalArgumentException("feature '" + feature.name() + "' is constant (or has fewer than 2 values) in the"
                    + " training data, so it cannot be standardised; use transform 'none' or fix the data");
        }
        return feature.transform() == NumericTransform.STANDARDIZE
                ? new ColumnTransform.Standardize(m.mean, m.std())
                : new ColumnTransform.LogStandardize(m.mean, m.std());
    }

    private static final class RunningMoments {
        long count;
        double mean;
        double m2;

        void add(double x) {
            count++;
            double delta = x - mean;
            mean += delta / count;
            m2 += delta * (x - mean);
        }

        double std() {
            return Math.sqrt(m2 / (count - 1));
        }
    }
}
