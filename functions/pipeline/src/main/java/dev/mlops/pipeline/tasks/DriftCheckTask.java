package dev.mlops.pipeline.tasks;

import dev.mlops.InvalidInputException;
import dev.mlops.model.DriftPolicy;
import dev.mlops.model.ModelConfig;
import dev.mlops.packaging.PackageManifest;
import dev.mlops.pipeline.Documents;
import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.pipeline.capture.CaptureLog;
import dev.mlops.pipeline.capture.CaptureLines;
import dev.mlops.pipeline.capture.PredictionLineScanner;
import dev.mlops.pipeline.drift.DriftAnalysis;
import dev.mlops.pipeline.drift.DriftDecision;
import dev.mlops.pipeline.drift.DriftMetrics;
import dev.mlops.pipeline.drift.DriftState;
import dev.mlops.pipeline.drift.DriftVerdict;
import dev.mlops.pipeline.drift.MetricLines;
import dev.mlops.pipeline.drift.Schedules;
import dev.mlops.pipeline.drift.VariableDrift;
import dev.mlops.pipeline.drift.WindowCounts;
import dev.mlops.store.StoredObject;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DriftCheck: {@code {model, policyProfile?, windowSeconds?}} -> {@code {verdict, reportKey, dataset, rows,
 * consecutive, reasons, gpus}}. Counts the champion's captured predictions of the last window (the schedule's period unless
 * {@code windowSeconds} says otherwise) into the champion's frozen baseline bins, compares every feature and the
 * score, applies the persistence rule, and writes a report and EMF metric lines. {@code dataset} is the newest
 * key under {@code datasets/{model}/}, for the retraining the workflow may start; {@code gpus} is the champion's
 * {@code trainer.gpus}, which picks the retraining's Batch queue (0 when there is no champion).
 */
public final class DriftCheckTask implements Task {

    private final PipelineContext context;
    private final MetricLines metrics;

    public DriftCheckTask(PipelineContext context, MetricLines metrics) {
        this.context = context;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "drift-check";
    }

    @Override
    public Map<String, Object> run(TaskInput input) {
        String model = input.model();
        String profile = input.optionalString("policyProfile").orElse(null);
        Optional<Long> windowSeconds = input.optionalInteger("windowSeconds");
        if (windowSeconds.isPresent() && windowSeconds.get() <= 0) {
            throw new InvalidInputException(name() + ": 'windowSeconds' must be a positive whole number, got " + windowSeconds.get());
        }
        String champion = context.registry().deployment(model).champion();
        Instant now = context.clock().instant();
        if (champion == null) {
            return result(new DriftVerdict.InsufficientData(List.of(model + " has no champion: nothing serves, nothing drifts")),
                    null, newestDataset(model), 0, 0, 0);
        }
        ModelConfig config = context.policies().config(model, champion, profile);
        DriftPolicy policy = config.drift();
        Duration window = windowSeconds.map(Duration::ofSeconds).orElse(Schedules.period(policy.schedule()));
        Instant from = now.minus(window);
        PackageManifest manifest = context.packages().readManifest(model, champion);

        WindowCounts counts = new WindowCounts(manifest.baseline());
        CaptureLog log = new CaptureLog(context.store());
        // Files in parallel, each into its own counts (bins only, so memory stays one file per core), merged after.
        CaptureLog.ScanStats scan = log.keys(model, from, now).parallelStream().map(key -> {
            WindowCounts file = new WindowCounts(manifest.baseline());
            PredictionLineScanner scanner = new PredictionLineScanner(champion, from, now, file);
            CaptureLog.ScanStats stats = log.lines(key, (bytes, offset, length) ->
                    scanner.count(bytes, offset, length) != CaptureLines.Counted.MALFORMED);
            synchronized (counts) {
                counts.merge(file);
            }
            return stats;
        }).reduce(new CaptureLog.ScanStats(0, 0, 0), CaptureLog.ScanStats::plus);
        List<VariableDrift> variables = counts.rows() == 0 ? List.of() : DriftAnalysis.analyze(policy, manifest.baseline(), counts);

        Optional<StoredObject> stored = DriftState.read(context.store(), model);
        int previous = stored.map(DriftState::parse).filter(s -> s.version().equals(champion)).map(DriftState::consecutive).orElse(0);
        DriftDecision.Outcome outcome = DriftDecision.decide(policy, counts.rows(), variables, previous);
        if (!new DriftState(champion, outcome.consecutive(), now, outcome.verdict().name()).writeOver(context.store(), model, stored)) {
            throw new IllegalStateException("drift state of " + model + " changed during this check: another check ran"
                    + " concurrently; this one is not counted");
        }
        String reportKey = Documents.save(context.store(), Documents.driftReportKey(model, now), report(model, champion, profile,
                policy, from, now, counts, scan, variables, outcome));
        metrics.write("drift-" + model + "-" + now.toEpochMilli(), now, DriftMetrics.lines(model, now, counts.rows(), variables,
                outcome.verdict()));
        return result(outcome.verdict(), reportKey, newestDataset(model), counts.rows(), outcome.consecutive(),
                config.trainer().gpus());
    }

    private Map<String, Object> result(DriftVerdict verdict, String reportKey, String dataset, long rows, int consecutive,
                                       int gpus) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verdict", verdict.name());
        out.put("reportKey", reportKey);
        out.put("dataset", dataset);
        out.put("rows", rows);
        out.put("consecutive", consecutive);
        out.put("reasons", verdict.reasons());
        out.put("gpus", gpus);
        return out;
    }

    private String newestDataset(String model) {
        List<String> keys = context.store().list("datasets/" + model + "/");
        return keys.isEmpty() ? null : keys.get(keys.size() - 1);
    }

    private Map<String, Object> report(String model, String champion, String profile, DriftPolicy policy, Instant from, Instant to,
                                       WindowCounts counts, CaptureLog.ScanStats scan, List<VariableDrift> variables,
                                       DriftDecision.Outcome outcome) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", model);
        doc.put("version", champion);
        doc.put("window", Map.of("from", from.toString(), "to", to.toString()));
        doc.put("policyProfile", profile);
        doc.put("policy", policy);
        doc.put("verdict", outcome.verdict().name());
        doc.put("reasons", outcome.verdict().reasons());
        doc.put("consecutive", outcome.consecutive());
        doc.put("rows", counts.rows());
        doc.put("captureFiles", scan.files());
        doc.put("captureLines", scan.lines());
        doc.put("skippedLines", scan.skipped());
        doc.put("variables", variables);
        doc.put("method", "PSI over the baseline's frozen bins (empty-bin share 1e-4); KS = largest gap between the"
                + " cumulative bin shares (a lower bound of the exact statistic); chi-square and p-values for context only");
        return doc;
    }
}
