package dev.mlops.pipeline.tasks;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.registry.Deployment;
import dev.mlops.registry.ModelStatus;
import dev.mlops.registry.VersionRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rollback: {@code {model, version, reasons}}. Takes the challenger's traffic away first (compare-and-swap on
 * the deployment: the champion serves everything again), then marks the version ROLLED_BACK with the reasons.
 * Both steps are skipped when already done, so a retried task is harmless.
 */
public final class RollbackTask implements Task {

    private final PipelineContext context;

    public RollbackTask(PipelineContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "rollback";
    }

    @Override
    public Map<String, Object> run(TaskInput input) {
        String model = input.string("model");
        String version = input.string("version");
        List<String> reasons = input.strings("reasons");
        String why = reasons.isEmpty() ? "canary rolled back" : String.join("; ", reasons);
        VersionRecord record = context.registry().requireVersion(model, version);
        Deployment deployment = context.registry().deployment(model);
        if (version.equals(deployment.challenger())) {
            deployment = context.registry().changeDeployment(model, deployment.revision(), deployment.withoutChallenger(),
                    PipelineContext.ACTOR, "rollback of " + version + ": " + why);
        }
        if (record.status() == ModelStatus.CANARY) {
            record = context.registry().transition(model, version, ModelStatus.ROLLED_BACK, PipelineContext.ACTOR, why);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", version);
        out.put("status", record.status().name());
        out.put("champion", deployment.champion());
        out.put("revision", deployment.revision());
        return out;
    }
}
