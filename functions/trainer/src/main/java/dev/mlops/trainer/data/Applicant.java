package dev.mlops.trainer.data;

import java.util.LinkedHashMap;
import java.util.Map;

/** One generated loan applicant with the credit-risk features and the drawn label. */
public record Applicant(double age, double income, double employmentYears, double debtRatio, double creditLines,
                        double latePayments12m, double loanAmount, double loanTermMonths, double homeOwner,
                        String purpose, boolean defaulted) {

    /** The features as a named record, the shape clients send to the inference API ({@code purpose} as text). */
    public Map<String, Object> features() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("age", age);
        record.put("income", income);
        record.put("employment_years", employmentYears);
        record.put("debt_ratio", debtRatio);
        record.put("credit_lines", creditLines);
        record.put("late_payments_12m", latePayments12m);
        record.put("loan_amount", loanAmount);
        record.put("loan_term_months", loanTermMonths);
        record.put("home_owner", homeOwner);
        record.put("purpose", purpose);
        return record;
    }
}
