package dev.mlops.pipeline.kpi;

import dev.mlops.model.ModelConfig;
import dev.mlops.pipeline.capture.CaptureLog;
import dev.mlops.pipeline.capture.CaptureRecord;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The KPI report of a model over a period: every captured prediction joined by prediction id to the feedback
 * that arrived for it, then per version and per day (of the prediction): predictions, labelled predictions,
 * accuracy and AUC of the labelled ones, and the business value of the model's decisions under the version's
 * {@code kpi} values (confusion cell at the 0.5 threshold times its value).
 *
 * <p>The join keeps one small entry per prediction of the period in memory; feedback that names a prediction
 * outside the period is ignored.
 */
public final class KpiReport {

    /**
     * One line of the report.
     *
     * @param day             {@code YYYY-MM-DD} of the predictions, or {@code all} for the version's total
     * @param accuracy        share of labelled predictions on the right side of 0.5, null without labels
     * @param auc             AUC of the labelled predictions, null without both outcomes
     * @param value           summed business value of the labelled predictions
     * @param valuePerLabel   value / labelled, null without labels
     */
    public record Row(String version, String day, long predictions, long labelled, Double accuracy, Double auc, double value,
                      Double valuePerLabel) {
    }

    /** The report: per version and day, and per version overall. */
    public record Report(String model, Instant from, Instant to, List<Row> byDay, List<Row> byVersion, long unmatchedFeedback) {
    }

    private KpiReport() {
    }

    /**
     * Builds the report of {@code model} over {@code [from, to)}.
     *
     * @param configs the model config of each version (its label and kpi values)
     */
    public static Report of(CaptureLog log, String model, Instant from, Instant to, Function<String, ModelConfig> configs) {
        Map<String, Pending> byId = new HashMap<>();
        Map<String, ModelConfig> configCache = new HashMap<>();
        TreeMap<String, KpiCell> days = new TreeMap<>();
        TreeMap<String, KpiCell> versions = new TreeMap<>();
        long[] unmatched = {0};
        log.scan(model, from, to, r -> {
            if (r instanceof CaptureRecord.Prediction p) {
                String day = p.time().toString().substring(0, 10);
                KpiCell dayCell = days.computeIfAbsent(p.version() + "|" + day, k -> new KpiCell());
                KpiCell versionCell = versions.computeIfAbsent(p.version(), k -> new KpiCell());
                dayCell.prediction();
                versionCell.prediction();
                byId.put(p.predictionId(), new Pending(p.version(), p.probability(), dayCell, versionCell));
            } else if (r instanceof CaptureRecord.Feedback f) {
                Pending pending = byId.remove(f.predictionId());
                if (pending == null) {
                    unmatched[0]++;
                    return;
                }
                ModelConfig config = configCache.computeIfAbsent(pending.version(), configs);
                boolean positive = config.label().positive().equals(f.outcome());
                pending.day().labelled(pending.probability(), positive, config.kpi());
                pending.total().labelled(pending.probability(), positive, config.kpi());
            }
        });
        List<Row> byDay = days.entrySet().stream()
                .map(e -> e.getValue().row(e.getKey().substring(0, e.getKey().indexOf('|')), e.getKey().substring(e.getKey().indexOf('|') + 1)))
                .toList();
        List<Row> byVersion = versions.entrySet().stream().map(e -> e.getValue().row(e.getKey(), "all")).toList();
        return new Report(model, from, to, byDay, byVersion, unmatched[0]);
    }

    /** A prediction waiting for feedback, and the cells its outcome counts in. */
    private record Pending(String version, double probability, KpiCell day, KpiCell total) {
    }
}
