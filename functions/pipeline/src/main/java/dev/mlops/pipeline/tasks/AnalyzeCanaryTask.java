package dev.mlops.pipeline.tasks;

import dev.mlops.model.ModelConfig;
import dev.mlops.pipeline.Documents;
import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.pipeline.canary.CanaryAnalysis;
import dev.mlops.pipeline.canary.CanaryVerdict;
import dev.mlops.pipeline.canary.VariantSample;
import dev.mlops.pipeline.capture.CaptureLog;
import dev.mlops.pipeline.capture.CaptureRecord;
import dev.mlops.pipeline.capture.ServingMetricsLog;
import dev.mlops.registry.Deployment;
import dev.mlops.registry.ModelStatus;
import dev.mlops.registry.StatusChange;
import dev.mlops.registry.VersionRecord;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AnalyzeCanary: {@code {model, version, stepIndex, extensions, since, policyProfile?}} -> {@code {verdict,
 * reasons, reportKey, stepIndex, extensions}}. Reads the capture since the step was deployed and judges the
 * challenger against the champion over the same window ({@link CanaryAnalysis}).
 *
 * <p>At 100% the champion serves nothing after {@code since}; it is then compared over the whole canary (from
 * the version's move to CANARY), which the report says. Extensions are a per-step budget: NEXT_STEP resets them.
 */
public final class AnalyzeCanaryTask implements Task {

    private final PipelineContext context;

    public AnalyzeCanaryTask(PipelineContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "analyze-canary";
    }

    /** Samples of the window, and of the champion over the whole canary as the fallback. */
    private record Samples(VariantSample challenger, VariantSample champion, VariantSample championWholeCanary, long lines) {
    }

    @Override
    public Map<String, Object> run(TaskInput input) {
        String model = input.string("model");
        String version = input.string("version");
        int stepIndex = (int) input.integer("stepIndex");
        int extensions = (int) input.optionalInteger("extensions").orElse(0L).longValue();
        Instant since = input.instant("since");
        String profile = input.optionalString("policyProfile").orElse(null);
        ModelConfig config = context.policies().config(model, version, profile);
        VersionRecord record = context.registry().requireVersion(model, version);
        Deployment deployment = context.registry().deployment(model);
        Instant now = context.clock().instant();

        Samples samples = collect(model, version, deployment.champion(), config.label().positive(), canaryStart(record, since), since, now);
        VariantSample champion = deployment.champion() == null ? null : samples.champion();
        boolean wholeCanary = false;
        if (champion != null && champion.predictions() < config.canary().minRequestsPerVariant()
                && deployment.challengerWeight() == 100) {
            champion = samples.championWholeCanary();
            wholeCanary = true;
        }
        boolean lastStep = stepIndex >= config.canary().steps().size() - 1;
        CanaryAnalysis.Decision decision = CanaryAnalysis.judge(config.canary(), lastStep, extensions, samples.challenger(), champion);
        String key = Documents.save(context.store(), Documents.canaryReportKey(model, version, stepIndex, extensions),
                report(model, version, stepIndex, extensions, since, now, profile, deployment, config, samples, champion,
                        wholeCanary, decision));

        CanaryVerdict verdict = decision.verdict();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("verdict", verdict.name());
        result.put("reasons", verdict.reasons());
        result.put("reportKey", key);
        result.put("stepIndex", verdict instanceof CanaryVerdict.NextStep ? stepIndex + 1 : stepIndex);
        result.put("extensions", verdict instanceof CanaryVerdict.Extend ? extensions + 1
                : verdict instanceof CanaryVerdict.NextStep ? 0 : extensions);
        return result;
    }

    private Samples collect(String model, String challenger, String champion, String positive, Instant canaryStart,
                            Instant since, Instant now) {
        VariantSample challengerSample = new VariantSample();
        VariantSample championSample = new VariantSample();
        VariantSample championAll = new VariantSample();
        // Predictions by id, for the feedback join (feedback may come in any later file).
        Map<String, Labelled> byId = new HashMap<>();
        CaptureLog.ScanStats stats = new CaptureLog(context.store()).scan(model, canaryStart, now, r -> {
            if (r instanceof CaptureRecord.Prediction p) {
                boolean inWindow = !p.time().isBefore(since);
                VariantSample window = p.version().equals(challenger) ? challengerSample
                        : p.version().equals(champion) ? championSample : null;
                VariantSample whole = p.version().equals(champion) ? championAll : null;
                if (window != null && inWindow) {
                    window.prediction(p.latencyMs(), p.probability());
                }
                if (whole != null) {
                    whole.prediction(p.latencyMs(), p.probability());
                }
                if ((window != null && inWindow) || whole != null) {
                    byId.put(p.predictionId(), new Labelled(inWindow ? window : null, whole, p.probability()));
                }
            } else if (r instanceof CaptureRecord.Feedback f) {
                Labelled prediction = byId.get(f.predictionId());
                if (prediction != null) {
                    prediction.label(positive.equals(f.outcome()));
                }
            }
        });
        ServingMetricsLog metrics = new ServingMetricsLog(context.store());
        Map<String, ServingMetricsLog.Counts> counts = metrics.counts(model, since, now);
        Map<String, ServingMetricsLog.Counts> canaryCounts = metrics.counts(model, canaryStart, now);
        add(challengerSample, counts.get("challenger"));
        add(championSample, counts.get("champion"));
        add(championAll, canaryCounts.get("champion"));
        return new Samples(challengerSample, championSample, championAll, stats.lines());
    }

    /** A prediction waiting for its outcome, and the samples it counts in. */
    private record Labelled(VariantSample window, VariantSample whole, double probability) {
        void label(boolean positive) {
            if (window != null) {
                window.labelled(probability, positive);
            }
            if (whole != null) {
                whole.labelled(probability, positive);
            }
        }
    }

    private static void add(VariantSample sample, ServingMetricsLog.Counts counts) {
        if (counts != null) {
            sample.requests(counts.requests(), counts.errors());
        }
    }

    private static Instant canaryStart(VersionRecord record, Instant since) {
        return record.history().stream().filter(c -> c.to() == ModelStatus.CANARY).map(StatusChange::at)
                .filter(at -> at.isBefore(since)).findFirst().orElse(since);
    }

    private Map<String, Object> report(String model, String version, int stepIndex, int extensions, Instant since, Instant now,
                                       String profile, Deployment deployment, ModelConfig config, Samples samples,
                                       dev.mlops.pipeline.canary.VariantSample champion, boolean wholeCanary,
                                       CanaryAnalysis.Decision decision) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", model);
        doc.put("version", version);
        doc.put("champion", deployment.champion());
        doc.put("stepIndex", stepIndex);
        doc.put("weight", deployment.challengerWeight());
        doc.put("extensions", extensions);
        doc.put("window", Map.of("since", since.toString(), "until", now.toString()));
        doc.put("championWindow", wholeCanary ? "whole canary (the challenger serves 100% in this window)" : "same window");
        doc.put("policyProfile", profile);
        doc.put("policy", config.canary());
        doc.put("verdict", decision.verdict().name());
        doc.put("reasons", decision.verdict().reasons());
        doc.put("checks", decision.checks());
        doc.put("notes", decision.notes());
        doc.put("challengerSample", summary(samples.challenger()));
        doc.put("championSample", champion == null ? null : summary(champion));
        doc.put("captureLinesRead", samples.lines());
        return doc;
    }

    private static Map<String, Object> summary(VariantSample s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("predictions", s.predictions());
        m.put("p99LatencyMs", Double.isNaN(s.p99LatencyMs()) ? null : s.p99LatencyMs());
        m.put("labelled", s.labelledCount());
        m.put("metricRequests", s.metricRequests());
        m.put("metricErrors", s.metricErrors());
        var metrics = s.labelledMetrics();
        m.put("feedbackAuc", metrics == null ? null : metrics.auc());
        return m;
    }
}
