package dev.mlops.pipeline.tasks;

import dev.mlops.model.ModelConfig;
import dev.mlops.packaging.PackageManifest;
import dev.mlops.pipeline.Documents;
import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.pipeline.evaluation.Gate;
import dev.mlops.pipeline.evaluation.GateVerdict;
import dev.mlops.registry.ModelStatus;
import dev.mlops.registry.VersionRecord;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluate: {@code {model, version, policyProfile?}} -> {@code {verdict, evidenceKey, reasons}}. Runs the gate,
 * saves the evidence the approver will see, and on FAIL moves the version to GATE_FAILED.
 */
public final class EvaluateTask implements Task {

    private final PipelineContext context;

    public EvaluateTask(PipelineContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public Map<String, Object> run(TaskInput input) {
        String model = input.string("model");
        String version = input.string("version");
        String profile = input.optionalString("policyProfile").orElse(null);
        VersionRecord record = context.registry().requireVersion(model, version);
        ModelConfig config = context.policies().config(model, version, profile);
        PackageManifest candidate = context.packages().readManifest(model, version);
        Optional<PackageManifest> champion = Optional.ofNullable(context.registry().deployment(model).champion())
                .filter(c -> !c.equals(version))
                .map(c -> context.packages().readManifest(model, c));
        Gate.Evaluation evaluation = Gate.evaluate(config.evaluation(), candidate, champion);
        String key = Documents.save(context.store(), Documents.evaluationKey(model, version),
                evidence(model, version, profile, config, candidate, evaluation));
        if (evaluation.verdict() instanceof GateVerdict.Fail && record.status() == ModelStatus.REGISTERED) {
            context.registry().transition(model, version, ModelStatus.GATE_FAILED, PipelineContext.ACTOR,
                    String.join("; ", evaluation.verdict().reasons()));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("verdict", evaluation.verdict().name());
        result.put("evidenceKey", key);
        result.put("reasons", evaluation.verdict().reasons());
        return result;
    }

    private Map<String, Object> evidence(String model, String version, String profile, ModelConfig config,
                                         PackageManifest candidate, Gate.Evaluation evaluation) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", model);
        doc.put("version", version);
        doc.put("evaluatedAt", context.clock().instant().toString());
        doc.put("policyProfile", profile);
        doc.put("verdict", evaluation.verdict().name());
        doc.put("reasons", evaluation.verdict().reasons());
        doc.put("policy", config.evaluation());
        doc.put("metrics", candidate.metrics());
        doc.put("champion", evaluation.champion());
        if (evaluation.champion() != null) {
            doc.put("championMetrics", context.packages().readManifest(model, evaluation.champion()).metrics());
        }
        doc.put("checks", evaluation.checks());
        doc.put("trainingDataPsi", evaluation.psi());
        doc.put("lineage", candidate.lineage());
        doc.put("note", "champion AUC is the one recorded in its package (its own holdout); training-data PSI compares"
                + " the packages' frozen baselines, numeric features re-binned into the champion's bins");
        return doc;
    }
}
