package dev.mlops.trainer.data;

import java.util.Map;
import java.util.TreeMap;

/**
 * The true logistic model behind {@link CreditRiskGenerator}'s label:
 * <pre>
 * logit = intercept
 *       + age              * (age - 40)
 *       + logIncome        * ln(income / 50000)
 *       + employmentYears  * employment_years
 *       + debtRatio        * (debt_ratio - 0.35)
 *       + creditLines      * (credit_lines - 5)
 *       + latePayments     * late_payments_12m
 *       + logLoanToIncome  * ln(loan_amount / income)
 *       + loanTermMonths   * (loan_term_months - 60)
 *       + homeOwner        * home_owner
 *       + purpose[purpose]
 *       + Normal(0, noiseStd)                       (unobserved factors)
 * default_12m ~ Bernoulli(sigmoid(logit))
 * </pre>
 *
 * @param purpose logit offset per purpose level; levels not named add 0
 */
public record Coefficients(double intercept, double age, double logIncome, double employmentYears, double debtRatio,
                           double creditLines, double latePayments, double logLoanToIncome, double loanTermMonths,
                           double homeOwner, Map<String, Double> purpose, double noiseStd) {

    /**
     * The coefficients of the undrifted population; the intercept was tuned so that about 10% of applicants
     * default.
     */
    public static final Coefficients TRUE = new Coefficients(-2.15, -0.035, -0.8, -0.08, 2.4, 0.05, 0.7, 0.7,
            0.006, -0.6, Map.of("car", 0.0, "home", -0.3, "education", 0.35, "business", 0.7, "other", 0.15), 0.3);

    public Coefficients {
        purpose = java.util.Collections.unmodifiableMap(new TreeMap<>(purpose));
        if (!(noiseStd >= 0) || Double.isInfinite(noiseStd)) {
            throw new IllegalArgumentException("noiseStd must be a finite number >= 0, got " + noiseStd);
        }
    }

    /** The same coefficients with {@code delta} added to the intercept (prior shift). */
    public Coefficients withInterceptShift(double delta) {
        return new Coefficients(intercept + delta, age, logIncome, employmentYears, debtRatio, creditLines, latePayments,
                logLoanToIncome, loanTermMonths, homeOwner, purpose, noiseStd);
    }
}
