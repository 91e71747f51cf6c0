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
 * The detector on generated windows (no capture files: the counting is the same, the test is faster): clean
 * windows must not alarm, a 0.25 standard-deviation shift in debt_ratio must, and a large sample with a tiny
 * shift must not, whatever its p-value says. Rates are printed for the report; data are not tuned to pass.
 */
class DriftQualityTest {

    private static final int WINDOW = 5000;
    /** debt_ratio = |0.35 + 0.18 N(0,1)| before clipping: 0.25 standard deviations is 0.045. */
    private static final double QUARTER_SD = 0.045;

    @TempDir
    static Path dir;
    static ModelPackage champion;
    static PackageScorer scorer;
    static DriftPolicy policy;

    @BeforeAll
    static void train() {
        PipelineFixture f = new PipelineFixture(dir);
        f.train("run-1", 1, 20_000, DriftKnobs.none());
        champion = new ModelPackages(f.store).read("credit-risk", "v1");
        scorer = new PackageScorer(champion);
        policy = champion.config().drift();
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

    private static boolean alarms(List<VariableDrift> variables) {
        return DriftDecision.decide(policy, WINDOW, variables, policy.persistence() - 1).verdict() instanceof DriftVerdict.Drift;
    }

    @Test
    void cleanWindows_falseAlarmRate_atMostTwoPercent() {
        int windows = 40;
        int alarms = 0;
        for (int w = 0; w < windows; w++) {
            alarms += alarms(window(1000 + w, WINDOW, DriftKnobs.none())) ? 1 : 0;
        }
        System.out.printf("drift quality: %d of %d clean windows of %d rows alarmed%n", alarms, windows, WINDOW);
        assertTrue(alarms <= windows * 0.02, alarms + " false alarms in " + windows + " clean windows");
    }

    @Test
    void quarterSdShiftInDebtRatio_detectionRate_reported() {
        int windows = 20;
        int flagged = 0;
        double ksSum = 0;
        for (int w = 0; w < windows; w++) {
            List<VariableDrift> variables = window(2000 + w, WINDOW, DriftKnobs.none().withShift("debt_ratio", QUARTER_SD));
            flagged += alarms(variables) ? 1 : 0;
            ksSum += variables.stream().filter(v -> v.name().equals("debt_ratio")).findFirst().orElseThrow().ks();
        }
        System.out.printf("drift quality: %d of %d windows with a 0.25 SD debt_ratio shift flagged (mean binned KS %.4f,"
                + " policy ksThreshold %.3f, psiThreshold %.3f)%n", flagged, windows, ksSum / windows, policy.ksThreshold(),
                policy.psiThreshold());
        assertTrue(flagged >= windows * 0.95, flagged + " of " + windows + " shifted windows flagged");
    }

    @Test
    void largeSampleTinyShift_noAlarmThoughSignificant() {
        List<VariableDrift> variables = window(4000, 100_000, DriftKnobs.none().withShift("debt_ratio", 0.1 * QUARTER_SD));
        VariableDrift debt = variables.stream().filter(v -> v.name().equals("debt_ratio")).findFirst().orElseThrow();
        assertTrue(debt.psi() < policy.psiThreshold() && debt.ks() < policy.ksThreshold(), debt.toString());
        assertEquals(List.of(), debt.exceeded());
        assertTrue(!alarms(variables), variables.toString());
    }
}
