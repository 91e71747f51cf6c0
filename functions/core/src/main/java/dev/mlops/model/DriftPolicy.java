package dev.mlops.model;

import java.util.List;

/**
 * When live data counts as drifted.
 *
 * @param tests        which tests run (default psi and ks)
 * @param psiThreshold PSI above this is drift (0.2 is the usual "significant shift")
 * @param ksThreshold  KS statistic above this is drift
 * @param minRows      fewer captured rows than this in the window: no verdict
 * @param persistence  consecutive drifted windows before retraining starts
 * @param schedule     EventBridge Scheduler expression for the check
 */
public record DriftPolicy(List<DriftTest> tests, Double psiThreshold, Double ksThreshold, Integer minRows,
                          Integer persistence, String schedule) {

    public DriftPolicy {
        tests = Checks.nonEmpty(Checks.orDefault(tests, List.of(DriftTest.PSI, DriftTest.KS)), "drift.tests");
        psiThreshold = Checks.positive(Checks.orDefault(psiThreshold, 0.2), "drift.psiThreshold");
        ksThreshold = Checks.fraction(Checks.orDefault(ksThreshold, 0.1), "drift.ksThreshold");
        minRows = Checks.positive(Checks.orDefault(minRows, 500), "drift.minRows");
        persistence = Checks.positive(Checks.orDefault(persistence, 1), "drift.persistence");
        schedule = Checks.orDefault(schedule, "rate(1 day)");
        if (!schedule.matches("(rate|cron)\\(.+\\)")) {
            throw new IllegalArgumentException("'drift.schedule' must be rate(...) or cron(...), got '" + schedule + "'");
        }
    }

    public static DriftPolicy defaults() {
        return new DriftPolicy(null, null, null, null, null, null);
    }
}
