package dev.mlops.model;

import java.util.List;

/**
 * How a challenger is released: traffic steps, how long each bakes, and when it is judged worse than the champion.
 *
 * @param steps                 challenger traffic percentages, strictly increasing, ending at 100
 * @param bakeSeconds           wait after each step before the analysis
 * @param minRequestsPerVariant fewer requests than this on either variant: the step is extended, not judged
 * @param maxExtensions         how many times a step may be extended before the canary is rolled back
 * @param maxErrorRateRatio     challenger error rate / champion error rate at most this
 * @param maxP99LatencyRatio    challenger p99 latency / champion p99 latency at most this
 * @param maxScorePsi           PSI between the two variants' score distributions over the same window at most this
 * @param minFeedbackLabels     labels needed per variant before the feedback KPI is compared
 * @param maxKpiDrop            champion KPI (AUC from feedback) minus challenger KPI at most this
 */
public record CanaryPolicy(List<Integer> steps, Integer bakeSeconds, Integer minRequestsPerVariant, Integer maxExtensions,
                           Double maxErrorRateRatio, Double maxP99LatencyRatio, Double maxScorePsi,
                           Integer minFeedbackLabels, Double maxKpiDrop, Double p99LatencyFloorMs) {

    public CanaryPolicy {
        steps = Checks.nonEmpty(Checks.orDefault(steps, List.of(10, 50, 100)), "canary.steps");
        int previous = 0;
        for (int step : steps) {
            if (step <= previous || step > 100) {
                throw new IllegalArgumentException("'canary.steps' must increase strictly within 1..100, got " + steps);
            }
            previous = step;
        }
        if (previous != 100) {
            throw new IllegalArgumentException("'canary.steps' must end at 100, got " + steps);
        }
        bakeSeconds = Checks.nonNegative(Checks.orDefault(bakeSeconds, 300), "canary.bakeSeconds");
        minRequestsPerVariant = Checks.positive(Checks.orDefault(minRequestsPerVariant, 100), "canary.minRequestsPerVariant");
        maxExtensions = Checks.nonNegative(Checks.orDefault(maxExtensions, 2), "canary.maxExtensions");
        maxErrorRateRatio = Checks.positive(Checks.orDefault(maxErrorRateRatio, 1.5), "canary.maxErrorRateRatio");
        maxP99LatencyRatio = Checks.positive(Checks.orDefault(maxP99LatencyRatio, 1.5), "canary.maxP99LatencyRatio");
        maxScorePsi = Checks.positive(Checks.orDefault(maxScorePsi, 0.2), "canary.maxScorePsi");
        minFeedbackLabels = Checks.nonNegative(Checks.orDefault(minFeedbackLabels, 100), "canary.minFeedbackLabels");
        maxKpiDrop = Checks.fraction(Checks.orDefault(maxKpiDrop, 0.02), "canary.maxKpiDrop");
        p99LatencyFloorMs = Checks.positive(Checks.orDefault(p99LatencyFloorMs, 25.0), "canary.p99LatencyFloorMs");
    }

    public static CanaryPolicy defaults() {
        return new CanaryPolicy(null, null, null, null, null, null, null, null, null, null);
    }
}
