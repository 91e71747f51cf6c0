package dev.mlops.model;

/**
 * The business value of predictions once their outcome is known: a value per cell of the confusion matrix at the
 * model's 0.5 decision threshold (negative numbers are costs). The KPI report sums it per version and day.
 *
 * @param truePositive  value of a correctly predicted positive (for credit risk: a default that was declined)
 * @param falsePositive value of a negative predicted positive (a good applicant declined: lost margin)
 * @param trueNegative  value of a correctly predicted negative (a good loan granted: its margin)
 * @param falseNegative value of a positive predicted negative (a default that was granted: the loss)
 */
public record KpiPolicy(Double truePositive, Double falsePositive, Double trueNegative, Double falseNegative) {

    public KpiPolicy {
        truePositive = finite(Checks.orDefault(truePositive, 0.0), "kpi.truePositive");
        falsePositive = finite(Checks.orDefault(falsePositive, -1.0), "kpi.falsePositive");
        trueNegative = finite(Checks.orDefault(trueNegative, 0.0), "kpi.trueNegative");
        falseNegative = finite(Checks.orDefault(falseNegative, -1.0), "kpi.falseNegative");
    }

    /** Every error costs 1, every correct answer is worth 0: the value is minus the error count. */
    public static KpiPolicy defaults() {
        return new KpiPolicy(null, null, null, null);
    }

    /** The value of one prediction with this outcome. */
    public double value(boolean predictedPositive, boolean actualPositive) {
        if (predictedPositive) {
            return actualPositive ? truePositive : falsePositive;
        }
        return actualPositive ? falseNegative : trueNegative;
    }

    private static double finite(Double value, String key) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("'" + key + "' must be a finite number, got " + value);
        }
        return value;
    }
}
