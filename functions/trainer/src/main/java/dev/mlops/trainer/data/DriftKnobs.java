package dev.mlops.trainer.data;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a generated population differs from the reference one, so that drift detection, retraining and canary
 * analysis can be exercised on known shifts.
 *
 * <ul>
 *   <li>covariate shift: each numeric column {@code x} becomes {@code x * scale[x] + shift[x]} (then clipped to its
 *       range) <em>before</em> the label is drawn, so P(label | features) is unchanged;</li>
 *   <li>{@code purposeMix}: relative weights of the purpose levels (unnamed levels keep their reference weight);</li>
 *   <li>prior shift: {@code interceptShift} is added to the true logit, moving the default rate;</li>
 *   <li>concept drift: {@code coefficients} replace {@link Coefficients#TRUE} (null keeps them).</li>
 * </ul>
 */
public record DriftKnobs(Map<String, Double> scale, Map<String, Double> shift, Map<String, Double> purposeMix,
                         double interceptShift, Coefficients coefficients) {

    public DriftKnobs {
        scale = checked(scale, "scale");
        shift = checked(shift, "shift");
        purposeMix = java.util.Collections.unmodifiableMap(new TreeMap<>(purposeMix == null ? Map.of() : purposeMix));
        for (Map.Entry<String, Double> e : purposeMix.entrySet()) {
            if (!CreditRiskGenerator.PURPOSES.contains(e.getKey())) {
                throw new IllegalArgumentException("purposeMix names '" + e.getKey() + "', expected one of "
                        + CreditRiskGenerator.PURPOSES);
            }
            if (!(e.getValue() >= 0) || e.getValue().isInfinite()) {
                throw new IllegalArgumentException("purposeMix weight of '" + e.getKey() + "' must be finite and >= 0, got "
                        + e.getValue());
            }
        }
        if (!Double.isFinite(interceptShift)) {
            throw new IllegalArgumentException("interceptShift must be finite, got " + interceptShift);
        }
        coefficients = coefficients == null ? Coefficients.TRUE : coefficients;
    }

    /** The reference population: no drift. */
    public static DriftKnobs none() {
        return new DriftKnobs(Map.of(), Map.of(), Map.of(), 0, null);
    }

    /** These knobs with {@code feature} multiplied by {@code factor}. */
    public DriftKnobs withScale(String feature, double factor) {
        Map<String, Double> next = new TreeMap<>(scale);
        next.put(feature, factor);
        return new DriftKnobs(next, shift, purposeMix, interceptShift, coefficients);
    }

    /** These knobs with {@code delta} added to {@code feature}. */
    public DriftKnobs withShift(String feature, double delta) {
        Map<String, Double> next = new TreeMap<>(shift);
        next.put(feature, delta);
        return new DriftKnobs(scale, next, purposeMix, interceptShift, coefficients);
    }

    /** These knobs with the true logit's intercept moved by {@code delta}. */
    public DriftKnobs withInterceptShift(double delta) {
        return new DriftKnobs(scale, shift, purposeMix, delta, coefficients);
    }

    /** These knobs with the label drawn from other coefficients. */
    public DriftKnobs withCoefficients(Coefficients changed) {
        return new DriftKnobs(scale, shift, purposeMix, interceptShift, changed);
    }

    /** These knobs with other purpose weights. */
    public DriftKnobs withPurposeMix(Map<String, Double> mix) {
        return new DriftKnobs(scale, shift, mix, interceptShift, coefficients);
    }

    private static Map<String, Double> checked(Map<String, Double> knob, String what) {
        Map<String, Double> copy = new TreeMap<>(knob == null ? Map.of() : knob);
        Set<String> numeric = CreditRiskGenerator.NUMERIC_COLUMNS;
        for (Map.Entry<String, Double> e : copy.entrySet()) {
            if (!numeric.contains(e.getKey())) {
                throw new IllegalArgumentException(what + " names '" + e.getKey() + "', expected one of " + numeric);
            }
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException(what + " of '" + e.getKey() + "' must be finite, got " + e.getValue());
            }
        }
        return java.util.Collections.unmodifiableMap(copy);
    }
}
