package dev.mlops.pipeline.canary;

import dev.mlops.drift.NumericHistogram;
import dev.mlops.drift.Psi;
import dev.mlops.metrics.BinaryMetrics;
import dev.mlops.model.CanaryPolicy;
import dev.mlops.pipeline.evaluation.Check;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges one canary step from the two variants' samples over the same window:
 * <ol>
 *   <li>either variant below {@code minRequestsPerVariant}: EXTEND, or ROLLBACK once {@code maxExtensions} are
 *       used up (a challenger that never gets judged is not released);</li>
 *   <li>error-rate ratio, p99-latency ratio, score PSI and, once both variants have {@code minFeedbackLabels},
 *       the AUC drop from feedback: any breach is a ROLLBACK listing every breach;</li>
 *   <li>otherwise NEXT_STEP, or PROMOTE after the last step.</li>
 * </ol>
 * Without a champion (the model's first release) the challenger is judged on its traffic alone.
 */
public final class CanaryAnalysis {

    /** Score bins for the PSI between the variants: deciles of the champion's scores. */
    static final int SCORE_BINS = 10;

    private CanaryAnalysis() {
    }

    /**
     * The decision and its evidence.
     *
     * @param checks   every comparison made, passed or not
     * @param notes    what was not evaluated, and why
     */
    public record Decision(CanaryVerdict verdict, List<Check> checks, List<String> notes) {
    }

    /**
     * @param lastStep    whether this was the policy's last step
     * @param extensions  extensions already used at this step
     * @param champion    the champion's sample, or null when there is no champion
     */
    public static Decision judge(CanaryPolicy policy, boolean lastStep, int extensions, VariantSample challenger,
                                 VariantSample champion) {
        List<String> notes = new ArrayList<>();
        List<String> shortOf = traffic(policy, challenger, champion);
        if (!shortOf.isEmpty()) {
            if (extensions >= policy.maxExtensions()) {
                List<String> reasons = new ArrayList<>(shortOf);
                reasons.add("still too little traffic after " + extensions + " extensions (canary.maxExtensions "
                        + policy.maxExtensions() + ")");
                return new Decision(new CanaryVerdict.Rollback(reasons), List.of(), notes);
            }
            return new Decision(new CanaryVerdict.Extend(shortOf), List.of(), notes);
        }
        List<Check> checks = champion == null ? List.of() : compare(policy, challenger, champion, notes);
        if (champion == null) {
            notes.add("no champion: the first release is judged on its own traffic");
        }
        List<String> breaches = checks.stream().filter(c -> !c.passed()).map(Check::reason).toList();
        if (!breaches.isEmpty()) {
            return new Decision(new CanaryVerdict.Rollback(breaches), checks, notes);
        }
        List<String> passed = List.of("all " + checks.size() + " comparisons within the canary policy");
        return new Decision(lastStep ? new CanaryVerdict.Promote(passed) : new CanaryVerdict.NextStep(passed), checks, notes);
    }

    private static List<String> traffic(CanaryPolicy policy, VariantSample challenger, VariantSample champion) {
        List<String> shortOf = new ArrayList<>();
        int min = policy.minRequestsPerVariant();
        if (challenger.predictions() < min) {
            shortOf.add("challenger served " + challenger.predictions() + " predictions, fewer than canary.minRequestsPerVariant " + min);
        }
        if (champion != null && champion.predictions() < min) {
            shortOf.add("champion served " + champion.predictions() + " predictions, fewer than canary.minRequestsPerVariant " + min);
        }
        return shortOf;
    }

    private static List<Check> compare(CanaryPolicy policy, VariantSample challenger, VariantSample champion, List<String> notes) {
        List<Check> checks = new ArrayList<>();
        if (challenger.metricRequests() > 0 && champion.metricRequests() > 0) {
            checks.add(Check.atMost("error-rate ratio challenger/champion <= canary.maxErrorRateRatio",
                    errorRateRatio(challenger, champion, policy.minRequestsPerVariant()), policy.maxErrorRateRatio()));
        } else {
            notes.add("error-rate ratio not evaluated: no serving metrics for both variants in the store");
        }
        checks.add(Check.atMost("p99 latency ratio challenger/champion <= canary.maxP99LatencyRatio",
                challenger.p99LatencyMs() / Math.max(champion.p99LatencyMs(), 1e-3), policy.maxP99LatencyRatio()));
        checks.add(Check.atMost("score PSI challenger vs champion <= canary.maxScorePsi", scorePsi(challenger, champion),
                policy.maxScorePsi()));
        kpi(policy, challenger, champion, notes).ifPresent(checks::add);
        return checks;
    }

    /**
     * Challenger error rate over the champion's, the champion's floored at {@code 1 / minRequestsPerVariant}: rates
     * below that cannot be told apart with the minimum traffic, and a champion without errors must not turn a
     * challenger's single error into an infinite ratio.
     */
    static double errorRateRatio(VariantSample challenger, VariantSample champion, int minRequests) {
        double c = (double) challenger.metricErrors() / challenger.metricRequests();
        double k = (double) champion.metricErrors() / champion.metricRequests();
        return c / Math.max(k, 1.0 / minRequests);
    }

    private static double standardError(BinaryMetrics m) {
        long positives = Math.round(m.positiveRate() * m.rows());
        return AucError.standardError(m.auc(), positives, m.rows() - positives);
    }

    /** PSI of the challenger's scores over the deciles of the champion's scores in the same window. */
    static double scorePsi(VariantSample challenger, VariantSample champion) {
        NumericHistogram bins = NumericHistogram.ofQuantiles(champion.scores(), SCORE_BINS);
        return Psi.between(bins.counts(), bins.withCountsOf(challenger.scores()).counts());
    }

    private static java.util.Optional<Check> kpi(CanaryPolicy policy, VariantSample challenger, VariantSample champion,
                                                 List<String> notes) {
        int min = policy.minFeedbackLabels();
        if (challenger.labelledCount() < min || champion.labelledCount() < min) {
            notes.add("feedback KPI not evaluated yet: " + challenger.labelledCount() + " challenger and "
                    + champion.labelledCount() + " champion labels, canary.minFeedbackLabels " + min);
            return java.util.Optional.empty();
        }
        BinaryMetrics c = challenger.labelledMetrics();
        BinaryMetrics k = champion.labelledMetrics();
        if (c == null || k == null) {
            notes.add("feedback KPI not evaluated: the labels of a variant hold one class only");
            return java.util.Optional.empty();
        }
        double drop = k.auc() - c.auc();
        double se = Math.hypot(standardError(k), standardError(c));
        notes.add(String.format(java.util.Locale.ROOT, "feedback AUC champion %.4f (%d labels), challenger %.4f (%d labels):"
                + " drop %.4f, standard error %.4f", k.auc(), k.rows(), c.auc(), c.rows(), drop, se));
        // Judged on the one-sided 95% lower bound of the drop: with a few hundred labels the AUC's own noise is
        // larger than a typical maxKpiDrop, and a rollback should need evidence that the challenger is worse.
        return java.util.Optional.of(Check.atMost("feedback AUC drop champion - challenger, 95% lower bound, <= canary.maxKpiDrop",
                drop - AucError.Z95 * se, policy.maxKpiDrop()));
    }
}
