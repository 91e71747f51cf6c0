package dev.mlops.pipeline.evaluation;

import dev.mlops.metrics.BinaryMetrics;
import dev.mlops.model.EvaluationPolicy;
import dev.mlops.packaging.PackageManifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evaluation gate of a new version: its holdout metrics against the policy's absolute thresholds, its AUC
 * against the champion's (no drop beyond {@code maxAucDropVsChampion}), and the PSI of its training data against
 * the champion's baseline per feature (at most {@code maxTrainingDataPsi}, so that a version trained on a very
 * different population gets a human's attention before any traffic).
 *
 * <p>The champion's AUC is the one recorded in its package, measured on its own holdout: packages keep metrics,
 * not holdout rows, so both AUCs estimate the same quantity on different samples.
 */
public final class Gate {

    private Gate() {
    }

    /**
     * The gate's evidence.
     *
     * @param checks   every check, passed or not
     * @param psi      training-data PSI per feature against the champion (empty without a champion)
     * @param champion the champion's version, or null
     */
    public record Evaluation(GateVerdict verdict, List<Check> checks, Map<String, Double> psi, String champion) {
    }

    /** Evaluates {@code candidate} under {@code policy}, against {@code champion} when there is one. */
    public static Evaluation evaluate(EvaluationPolicy policy, PackageManifest candidate, Optional<PackageManifest> champion) {
        BinaryMetrics m = candidate.metrics();
        List<Check> checks = new ArrayList<>(List.of(
                Check.atLeast("holdout AUC >= evaluation.minAuc", m.auc(), policy.minAuc()),
                Check.atMost("holdout log-loss <= evaluation.maxLogLoss", m.logLoss(), policy.maxLogLoss()),
                Check.atMost("holdout calibration error <= evaluation.maxCalibrationError", m.calibrationError(),
                        policy.maxCalibrationError())));
        Map<String, Double> psi = new LinkedHashMap<>();
        champion.ifPresent(c -> {
            checks.add(Check.atMost("AUC drop vs champion " + c.version() + " <= evaluation.maxAucDropVsChampion",
                    c.metrics().auc() - m.auc(), policy.maxAucDropVsChampion()));
            psi.putAll(TrainingDataShift.psi(c.baseline(), candidate.baseline()));
            psi.forEach((feature, value) -> checks.add(Check.atMost("training-data PSI of " + feature
                    + " vs champion " + c.version() + " <= evaluation.maxTrainingDataPsi", value, policy.maxTrainingDataPsi())));
        });
        List<String> reasons = checks.stream().filter(c -> !c.passed()).map(Check::reason).toList();
        GateVerdict verdict = reasons.isEmpty() ? new GateVerdict.Pass() : new GateVerdict.Fail(reasons);
        return new Evaluation(verdict, checks, psi, champion.map(PackageManifest::version).orElse(null));
    }
}
