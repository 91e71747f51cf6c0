package dev.mlops.trainer.data;

import dev.mlops.model.CategoricalFeature;
import dev.mlops.model.FeatureSpec;
import dev.mlops.model.ModelConfig;
import dev.mlops.model.NumericFeature;
import dev.mlops.trainer.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreditRiskGeneratorTest {

    private static final int N = 20_000;

    @Test
    void sameSeed_writeCsv_sameBytes() {
        assertArrayEquals(Fixtures.csv(42, 2000, DriftKnobs.none()), Fixtures.csv(42, 2000, DriftKnobs.none()));
    }

    @Test
    void otherSeed_writeCsv_otherBytes() {
        assertFalse(java.util.Arrays.equals(Fixtures.csv(42, 200, DriftKnobs.none()), Fixtures.csv(43, 200, DriftKnobs.none())));
    }

    @Test
    void writeCsv_header_isTheModelColumns() {
        String header = new String(Fixtures.csv(1, 1, DriftKnobs.none())).lines().findFirst().orElseThrow();
        assertEquals("age,income,employment_years,debt_ratio,credit_lines,late_payments_12m,loan_amount,loan_term_months,"
                + "home_owner,purpose,default_12m", header);
        ModelConfig config = Fixtures.creditRisk();
        List<String> expected = new java.util.ArrayList<>(config.featureNames());
        expected.add(config.label().name());
        assertEquals(expected, CreditRiskGenerator.COLUMNS);
    }

    @Test
    void referencePopulation_defaultRate_between5And20Percent() {
        double rate = rate(new CreditRiskGenerator(9, DriftKnobs.none()).next(N), a -> a.defaulted() ? 1 : 0);
        assertTrue(rate >= 0.05 && rate <= 0.20, "default rate " + rate);
    }

    @Test
    void everyValue_generatedWithHeavyDrift_withinModelRangesAndLevels() {
        ModelConfig config = Fixtures.creditRisk();
        DriftKnobs heavy = DriftKnobs.none().withScale("income", 20).withShift("age", 50).withShift("debt_ratio", 4)
                .withScale("loan_amount", 0.001);
        for (DriftKnobs knobs : List.of(DriftKnobs.none(), heavy)) {
            for (Applicant a : new CreditRiskGenerator(5, knobs).next(5000)) {
                Map<String, Object> record = a.features();
                for (FeatureSpec feature : config.features()) {
                    Object value = record.get(feature.name());
                    if (feature instanceof NumericFeature numeric) {
                        assertTrue(numeric.range().contains((Double) value), feature.name() + "=" + value);
                    } else {
                        assertTrue(((CategoricalFeature) feature).values().contains(value), feature.name() + "=" + value);
                    }
                }
            }
        }
    }

    @Test
    void generatedCsv_readAgainstModelConfig_hasNoErrors() {
        CsvDataset data = CsvDataset.read(Fixtures.csv(4, 3000, DriftKnobs.none()), Fixtures.creditRisk(), "gen");
        assertEquals(3000, data.rows());
    }

    @Test
    void covariateShift_scaleIncome_movesIncomeButNotTheLabelModel() {
        List<Applicant> base = new CreditRiskGenerator(1, DriftKnobs.none()).next(N);
        List<Applicant> shifted = new CreditRiskGenerator(1, DriftKnobs.none().withScale("income", 2)).next(N);
        double ratio = mean(shifted, Applicant::income) / mean(base, Applicant::income);
        assertEquals(2.0, ratio, 0.05);
        // richer applicants default less under the same coefficients
        assertTrue(rate(shifted, a -> a.defaulted() ? 1 : 0) < rate(base, a -> a.defaulted() ? 1 : 0));
    }

    @Test
    void covariateShift_shiftAge_movesAge() {
        double base = mean(new CreditRiskGenerator(1, DriftKnobs.none()).next(N), Applicant::age);
        double shifted = mean(new CreditRiskGenerator(1, DriftKnobs.none().withShift("age", 10)).next(N), Applicant::age);
        assertEquals(10, shifted - base, 0.5);
    }

    @Test
    void purposeMix_onlyBusiness_allBusiness() {
        Map<String, Double> mix = Map.of("car", 0.0, "home", 0.0, "education", 0.0, "other", 0.0, "business", 1.0);
        assertEquals(1.0, rate(new CreditRiskGenerator(1, DriftKnobs.none().withPurposeMix(mix)).next(2000),
                a -> a.purpose().equals("business") ? 1 : 0));
    }

    @Test
    void priorShift_interceptUp_raisesDefaultRate() {
        double base = rate(new CreditRiskGenerator(2, DriftKnobs.none()).next(N), a -> a.defaulted() ? 1 : 0);
        double shifted = rate(new CreditRiskGenerator(2, DriftKnobs.none().withInterceptShift(1.0)).next(N), a -> a.defaulted() ? 1 : 0);
        assertTrue(shifted > base * 1.8, base + " -> " + shifted);
    }

    @Test
    void conceptDrift_lateMatterNoMore_sameFeaturesOtherLabels() {
        Coefficients t = Coefficients.TRUE;
        Coefficients changed = new Coefficients(t.intercept(), t.age(), t.logIncome(), t.employmentYears(), t.debtRatio(),
                t.creditLines(), 0.0, t.logLoanToIncome(), t.loanTermMonths(), t.homeOwner(), t.purpose(), t.noiseStd());
        List<Applicant> base = new CreditRiskGenerator(3, DriftKnobs.none()).next(N);
        List<Applicant> drifted = new CreditRiskGenerator(3, DriftKnobs.none().withCoefficients(changed)).next(N);
        assertEquals(mean(base, Applicant::latePayments12m), mean(drifted, Applicant::latePayments12m), 1e-12);
        double lateRateBase = rate(base.stream().filter(a -> a.latePayments12m() >= 2).toList(), a -> a.defaulted() ? 1 : 0);
        double lateRateDrifted = rate(drifted.stream().filter(a -> a.latePayments12m() >= 2).toList(), a -> a.defaulted() ? 1 : 0);
        assertTrue(lateRateDrifted < lateRateBase - 0.05, lateRateBase + " -> " + lateRateDrifted);
    }

    @Test
    void knobs_unknownColumn_rejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DriftKnobs.none().withScale("salary", 2));
        assertTrue(e.getMessage().contains("'salary'"), e.getMessage());
    }

    private static double mean(List<Applicant> rows, ToDoubleFunction<Applicant> f) {
        return rows.stream().mapToDouble(f).average().orElseThrow();
    }

    private static double rate(List<Applicant> rows, ToDoubleFunction<Applicant> f) {
        return mean(rows, f);
    }
}
