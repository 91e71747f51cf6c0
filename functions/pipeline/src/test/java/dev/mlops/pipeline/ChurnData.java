package dev.mlops.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded subscribers for {@code models/churn/model.json}: two numeric and two categorical features and a logistic
 * churn label, so that the second model exercises categorical drift and no credit-risk assumption.
 */
public final class ChurnData {

    private static final String[] CONTRACTS = {"monthly", "yearly", "two-year"};
    private static final String[] PAYMENTS = {"card", "bank", "invoice"};

    /** One subscriber: the features as a record and whether they churned. */
    public record Row(Map<String, Object> features, boolean churned) {
    }

    private ChurnData() {
    }

    /**
     * {@code n} rows; {@code monthlyShare} is the share of monthly contracts (0.5 in the reference population), the
     * knob a test turns to move a categorical distribution.
     */
    public static List<Row> rows(long seed, int n, double monthlyShare) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int contract = u < monthlyShare ? 0 : u < monthlyShare + (1 - monthlyShare) * 0.6 ? 1 : 2;
            String payment = PAYMENTS[random.nextInt(3)];
            double tenure = Math.min(240, Math.round(random.nextExponential() * (contract == 0 ? 12 : 36)));
            double charges = Math.round(Math.max(5, 60 + 25 * random.nextGaussian()) * 100) / 100.0;
            double logit = -1.2 + (contract == 0 ? 1.4 : contract == 1 ? 0 : -1.0) - 0.03 * tenure + 0.015 * (charges - 60)
                    + (payment.equals("invoice") ? 0.5 : 0);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("tenure_months", tenure);
            record.put("monthly_charges", charges);
            record.put("contract", CONTRACTS[contract]);
            record.put("payment", payment);
            rows.add(new Row(record, random.nextDouble() < 1 / (1 + Math.exp(-logit))));
        }
        return rows;
    }

    /** The rows as the trainer's CSV (header, then one line each, label last). */
    public static byte[] csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("tenure_months,monthly_charges,contract,payment,churned\n");
        for (Row row : rows) {
            Map<String, Object> f = row.features();
            sb.append(f.get("tenure_months")).append(',').append(f.get("monthly_charges")).append(',').append(f.get("contract"))
                    .append(',').append(f.get("payment")).append(',').append(row.churned() ? "yes" : "no").append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
