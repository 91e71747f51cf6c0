package dev.mlops.pipeline.drift;

import dev.mlops.model.DriftPolicy;

import java.util.ArrayList;
import java.util.List;

/** Turns a window's comparisons and the previous run of drifted windows into a verdict (the persistence rule). */
public final class DriftDecision {

    private DriftDecision() {
    }

    /**
     * The verdict and the new count of consecutive drifted windows.
     *
     * @param consecutive drifted windows in a row, including this one when it drifted
     */
    public record Outcome(DriftVerdict verdict, int consecutive) {
    }

    /** Decides one window with {@code rows} rows after {@code previous} consecutive drifted windows. */
    public static Outcome decide(DriftPolicy policy, long rows, List<VariableDrift> variables, int previous) {
        if (rows < policy.minRows()) {
            // No data is no evidence either way: the run of drifted windows is neither extended nor broken.
            return new Outcome(new DriftVerdict.InsufficientData(List.of(rows + " rows in the window, fewer than drift.minRows "
                    + policy.minRows())), previous);
        }
        List<String> drifted = new ArrayList<>();
        for (VariableDrift v : variables) {
            if (v.isDrifted()) {
                drifted.add(String.format(java.util.Locale.ROOT, "%s beyond %s (PSI %.4f%s)", v.name(), v.exceeded(), v.psi(),
                        v.ks() == null ? "" : String.format(java.util.Locale.ROOT, ", KS %.4f", v.ks())));
            }
        }
        if (drifted.isEmpty()) {
            return new Outcome(new DriftVerdict.Ok(List.of("all " + variables.size() + " variables within drift.psiThreshold "
                    + policy.psiThreshold() + " and drift.ksThreshold " + policy.ksThreshold())), 0);
        }
        int consecutive = previous + 1;
        List<String> reasons = new ArrayList<>(drifted);
        reasons.add(consecutive + " consecutive drifted window(s), drift.persistence " + policy.persistence());
        return new Outcome(consecutive >= policy.persistence() ? new DriftVerdict.Drift(reasons) : new DriftVerdict.Warn(reasons),
                consecutive);
    }
}
