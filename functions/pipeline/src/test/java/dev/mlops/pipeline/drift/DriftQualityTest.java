package dev.mlops.pipeline.drift;

import dev.mlops.model.DriftPolicy;
import dev.mlops.packaging.ModelPackage;
import dev.mlops.packaging.ModelPackages;
import dev.mlops.pipeline.PipelineFixture;
import dev.mlops.pipeline.batch.PackageScorer;
import dev.mlops.pipeline.capture.CaptureRecord;
import dev.mlops.trainer.data.Applicant;
import dev.mlops.trainer.data.CreditRiskGenerator;
import dev.mlops.trainer.data.DriftKnobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The detector's quality on generated windows, with the persistence rule applied as DriftCheck applies it (the
 * count of consecutive drifted windows carried from window to window; no capture files: the counting is the same,
 * the test is faster). The criteria: over clean windows of 5,000 rows at most 2% alarm (verdict DRIFT);
 * over sequences of {@code drift.persistence} windows with a 0.25 standard-deviation shift in debt_ratio, at
 * least 95% are DRIFT by their last window. The standard deviation is measured on clean generated data, not
 * chosen to suit the detector.
 *
 * <p>The unit suite runs a reduced, seeded sample (40 clean windows, 20 shifted sequences). The full run of the
 * issue (200 and 200) is the same test with {@code -Dmlops.driftQuality.windows=200}; its figures are in
 * docs/benchmarks.md.
 */
class DriftQualityTest {

    private static final int WINDOW = 5000;
    private static final int WINDOWS = Integer.getInteger("mlops.driftQuality.windows", 0);

    @TempDir
    static Path dir;
    static ModelPackage champion;
    static PackageScorer scorer;
    static DriftPolicy policy;
    static double quarterSd;

    @BeforeAll
    static void train() {
        PipelineFixture f = new PipelineFixture(dir);
        f.train("run-1", 1, 20_000, DriftKnobs.none());
        champion = new ModelPackages(f.store).read("credit-risk", "v1");
        scorer = new PackageScorer(champion);
        policy = champion.config().drift();
        // The feature's standard deviation on clean generated data (about 0.17: |0.35 + 0.18 N(0,1)| rounded).
        double[] debt = new CreditRiskGenerator(99, DriftKnobs.none()).next(100_000).stream()
                .mapToDouble(Applicant::debtRatio).toArray();
        double mean = java.util.Arrays.stream(debt).average().orElseThrow();
        double variance = java.util.Arrays.stream(debt).map(x -> (x - mean) * (x - mean)).sum() / (debt.length - 1);
        quarterSd = 0.25 * Math.sqrt(variance);
    }

    @AfterAll
    static void close() {
        scorer.close();
    }

    private static List<VariableDrift> window(long seed, int rows, DriftKnobs knobs) {
        List<Applicant> applicants = new CreditRiskGenerator(seed, knobs).next(rows);
        List<Map<String, Object>> records = applicants.stream().map(Applicant::features).toList();
        double[] p = scorer.probabilities(records);
        WindowCounts counts = new WindowCounts(champion.manifest().baseline());
        for (int i = 0; i < rows; i++) {
            counts.add(new CaptureRecord.Prediction("p" + i, Instant.EPOCH, "v1", "champion", 1, records.get(i), p[i], null));
        }
        return DriftAnalysis.analyze(policy, champion.manifest().baseline(), counts);
    }

    @Test
    void cleanWindows_persistenceApplied_falseAlarmRateAtMostTwoPercent() {
        int windows = WINDOWS > 0 ? WINDOWS : 40;
        int alarms = 0;
        int consecutive = 0;
        double maxKs = 0;
        double maxPsi = 0;
        for (int w = 0; w < windows; w++) {
            List<VariableDrift> variables = window(1000 + w, WINDOW, DriftKnobs.none());
            DriftDecision.Outcome outcome = DriftDecision.decide(policy, WINDOW, variables, consecutive);
            consecutive = outcome.consecutive();
            alarms += outcome.verdict() instanceof DriftVerdict.Drift ? 1 : 0;
            for (VariableDrift v : variables) {
                maxKs = Math.max(maxKs, v.ks() == null ? 0 : v.ks());
                maxPsi = Math.max(maxPsi, v.psi());
            }
        }
        System.out.printf("drift quality: %d of %d clean windows of %d rows alarmed (%.1f%%; persistence %d, psiThreshold"
                + " %.3f, ksThreshold %.3f; largest KS of any variable %.4f, largest PSI %.4f)%n", alarms, windows, WINDOW,
                100.0 * alarms / windows, policy.persistence(), policy.psiThreshold(), policy.ksThreshold(), maxKs, maxPsi);
        assertTrue(alarms <= windows * 0.02, alarms + " false alarms in " + windows + " clean windows");
    }

    @Test
    void quarterSdShiftInDebtRatio_sequencesOfPersistenceWindows_atLeast95PercentFlagged() {
        int sequences = WINDOWS > 0 ? WINDOWS : 20;
        DriftKnobs shifted = DriftKnobs.none().withShift("debt_ratio", quarterSd);
        int flagged = 0;
        double ksSum = 0;
        double minKs = Double.POSITIVE_INFINITY;
        int aboveOldThreshold = 0;
        for (int s = 0; s < sequences; s++) {
            int consecutive = 0;
            DriftVerdict last = null;
            for (int w = 0; w < policy.persistence(); w++) {
                List<VariableDrift> variables = window(200_000 + (long) s * policy.persistence() + w, WINDOW, shifted);
                DriftDecision.Outcome outcome = DriftDecision.decide(policy, WINDOW, variables, consecutive);
                consecutive = outcome.consecutive();
                last = outcome.verdict();
                ksSum += debtRatio(variables).ks();
                minKs = Math.min(minKs, debtRatio(variables).ks());
                // ksThreshold was 0.1 before dca0f57; windows whose debt_ratio KS would have passed it:
                aboveOldThreshold += debtRatio(variables).ks() > 0.1 ? 1 : 0;
            }
            flagged += last instanceof DriftVerdict.Drift ? 1 : 0;
        }
        System.out.printf("drift quality: %d of %d sequences of %d window(s) with a +%.4f (0.25 SD) debt_ratio shift flagged"
                + " by their last window (%.1f%%; binned KS of debt_ratio mean %.4f, smallest %.4f; %d of %d windows above"
                + " KS 0.1)%n", flagged, sequences, policy.persistence(), quarterSd, 100.0 * flagged / sequences,
                ksSum / (sequences * policy.persistence()), minKs, aboveOldThreshold, sequences * policy.persistence());
        assertTrue(flagged >= sequences * 0.95, flagged + " of " + sequences + " shifted sequences flagged");
    }

    @Test
    void largeSampleTinyShift_noAlarmThoughSignificant() {
        List<VariableDrift> variables = window(4000, 100_000, DriftKnobs.none().withShift("debt_ratio", 0.1 * quarterSd));
        VariableDrift debt = debtRatio(variables);
        assertTrue(debt.psi() < policy.psiThreshold() && debt.ks() < policy.ksThreshold(), debt.toString());
        assertEquals(List.of(), debt.exceeded());
    }

    private static VariableDrift debtRatio(List<VariableDrift> variables) {
        return variables.stream().filter(v -> v.name().equals("debt_ratio")).findFirst().orElseThrow();
    }
}
