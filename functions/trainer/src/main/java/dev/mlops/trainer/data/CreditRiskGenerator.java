package dev.mlops.trainer.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded synthetic loan applicants for the {@code credit-risk} sample model: plausible marginals (normal age,
 * log-normal income and loan amount, Poisson late payments, purpose-dependent terms) and a label drawn from the
 * documented logistic model {@link Coefficients#TRUE}. The same seed and knobs give the same rows, byte for byte.
 *
 * <p>Values are rounded as a bank would record them and kept inside the ranges of
 * {@code models/credit-risk/model.json}. Rows are produced one at a time, so a CSV of any length is written in
 * constant memory.
 */
public final class CreditRiskGenerator {

    /** The CSV columns, features first, then the label. */
    public static final List<String> COLUMNS = List.of("age", "income", "employment_years", "debt_ratio", "credit_lines",
            "late_payments_12m", "loan_amount", "loan_term_months", "home_owner", "purpose", "default_12m");

    /** Columns the covariate-shift knobs may move. */
    public static final Set<String> NUMERIC_COLUMNS = Set.copyOf(COLUMNS.subList(0, 9));

    /** Purpose levels, in the order of their reference weights. */
    public static final List<String> PURPOSES = List.of("car", "home", "education", "business", "other");

    private static final double[] PURPOSE_WEIGHTS = {0.30, 0.15, 0.15, 0.10, 0.30};
    private static final Map<String, double[]> RANGES = Map.of(
            "age", new double[]{18, 100}, "income", new double[]{0, 5_000_000},
            "employment_years", new double[]{0, 60}, "debt_ratio", new double[]{0, 5},
            "credit_lines", new double[]{0, 50}, "late_payments_12m", new double[]{0, 36},
            "loan_amount", new double[]{500, 1_000_000}, "loan_term_months", new double[]{6, 360},
            "home_owner", new double[]{0, 1});

    private final SplittableRandom random;
    private final DriftKnobs knobs;
    private final Coefficients truth;
    private final double[] purposeCumulative;

    /** A generator of the population described by {@code knobs}, seeded with {@code seed}. */
    public CreditRiskGenerator(long seed, DriftKnobs knobs) {
        this.random = new SplittableRandom(seed);
        this.knobs = knobs;
        this.truth = knobs.coefficients().withInterceptShift(knobs.interceptShift());
        double[] weights = new double[PURPOSES.size()];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = knobs.purposeMix().getOrDefault(PURPOSES.get(i), PURPOSE_WEIGHTS[i]);
            total += weights[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("purposeMix gives every purpose weight 0: " + knobs.purposeMix());
        }
        purposeCumulative = new double[weights.length];
        double running = 0;
        for (int i = 0; i < weights.length; i++) {
            running += weights[i] / total;
            purposeCumulative[i] = running;
        }
    }

    /** The next applicant. */
    public Applicant next() {
        String purpose = PURPOSES.get(pick(random.nextDouble()));
        double age = move("age", Math.round(clamp(42 + 12 * random.nextGaussian(), 18, 85)));
        double income = move("income", Math.round(Math.exp(Math.log(48_000) + 0.012 * (age - 40) + 0.55 * random.nextGaussian()) / 10) * 10.0);
        double employment = move("employment_years", round(Math.min(age - 18, random.nextExponential() * 6), 1));
        double debt = move("debt_ratio", round(Math.abs(0.35 + 0.18 * random.nextGaussian()), 3));
        double lines = move("credit_lines", Math.round(Math.max(0, 5 + 2.5 * random.nextGaussian())));
        double late = move("late_payments_12m", poisson(0.25 + 0.6 * Math.max(0, debt - 0.5)));
        double loanScale = purpose.equals("home") ? 3.0 : purpose.equals("car") ? 0.5 : 0.3;
        double loan = move("loan_amount", Math.round(Math.exp(Math.log(income * loanScale) + 0.4 * random.nextGaussian()) / 10) * 10.0);
        double term = move("loan_term_months", term(purpose));
        double owner = move("home_owner", random.nextDouble() < 1 / (1 + Math.exp(-(age - 45) / 8)) ? 1 : 0);

        double logit = truth.intercept()
                + truth.age() * (age - 40)
                + truth.logIncome() * Math.log(Math.max(income, 1) / 50_000)
                + truth.employmentYears() * employment
                + truth.debtRatio() * (debt - 0.35)
                + truth.creditLines() * (lines - 5)
                + truth.latePayments() * late
                + truth.logLoanToIncome() * Math.log(loan / Math.max(income, 1))
                + truth.loanTermMonths() * (term - 60)
                + truth.homeOwner() * owner
                + truth.purpose().getOrDefault(purpose, 0.0)
                + truth.noiseStd() * random.nextGaussian();
        boolean defaulted = random.nextDouble() < 1 / (1 + Math.exp(-logit));
        return new Applicant(age, income, employment, debt, lines, late, loan, term, owner, purpose, defaulted);
    }

    /** The next {@code n} applicants, in memory (for tests and small samples). */
    public List<Applicant> next(int n) {
        List<Applicant> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(next());
        }
        return rows;
    }

    /**
     * Writes a header line and the next {@code rows} applicants as CSV ({@code purpose} as text, label 0/1) to
     * {@code out}, streaming; {@code out} is flushed, not closed.
     */
    public void writeCsv(long rows, OutputStream out) {
        try {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            writer.write(String.join(",", COLUMNS));
            writer.write('\n');
            StringBuilder line = new StringBuilder(128);
            for (long i = 0; i < rows; i++) {
                Applicant a = next();
                line.setLength(0);
                number(line, a.age()).append(',');
                number(line, a.income()).append(',');
                number(line, a.employmentYears()).append(',');
                number(line, a.debtRatio()).append(',');
                number(line, a.creditLines()).append(',');
                number(line, a.latePayments12m()).append(',');
                number(line, a.loanAmount()).append(',');
                number(line, a.loanTermMonths()).append(',');
                number(line, a.homeOwner()).append(',');
                line.append(a.purpose()).append(',').append(a.defaulted() ? '1' : '0').append('\n');
                writer.append(line);
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write generated CSV: " + e.getMessage(), e);
        }
    }

    private static StringBuilder number(StringBuilder line, double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? line.append((long) value) : line.append(value);
    }

    private double move(String column, double value) {
        Double factor = knobs.scale().get(column);
        Double delta = knobs.shift().get(column);
        double[] range = RANGES.get(column);
        if (factor == null && delta == null) {
            return clamp(value, range[0], range[1]);
        }
        double moved = value * (factor == null ? 1 : factor) + (delta == null ? 0 : delta);
        // Integer-valued columns stay integers after a shift, as real records would.
        boolean integral = value == Math.rint(value) && !column.equals("debt_ratio") && !column.equals("employment_years");
        moved = integral ? Math.round(moved) : round(moved, 3);
        return clamp(moved, range[0], range[1]);
    }

    private int pick(double u) {
        for (int i = 0; i < purposeCumulative.length - 1; i++) {
            if (u < purposeCumulative[i]) {
                return i;
            }
        }
        return purposeCumulative.length - 1;
    }

    private double term(String purpose) {
        int[] terms = purpose.equals("home") ? new int[]{120, 180, 240, 360} : purpose.equals("car")
                ? new int[]{24, 36, 48, 60, 72} : new int[]{12, 24, 36, 48, 60};
        return terms[random.nextInt(terms.length)];
    }

    private double poisson(double mean) {
        double limit = Math.exp(-mean);
        int k = 0;
        for (double p = random.nextDouble(); p > limit; p *= random.nextDouble()) {
            k++;
        }
        return Math.min(k, 36);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
