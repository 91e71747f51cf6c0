package dev.mlops.pipeline.tasks;

import dev.mlops.InvalidInputException;
import dev.mlops.model.CanaryPolicy;
import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.registry.Deployment;
import dev.mlops.registry.DeploymentMode;
import dev.mlops.registry.ModelStatus;
import dev.mlops.registry.VersionRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DeployCanary: {@code {model, version, stepIndex, policyProfile?}} -> {@code {weight, stepIndex, revision,
 * deployedAt}}. The first step moves the version APPROVED -> CANARY; every step sets the challenger's weight
 * with the registry's compare-and-swap. A model without a champion gets its first release at 100%: there is
 * nobody to share the traffic with.
 */
public final class DeployCanaryTask implements Task {

    private final PipelineContext context;

    public DeployCanaryTask(PipelineContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "deploy-canary";
    }

    @Override
    public Map<String, Object> run(TaskInput input) {
        String model = input.string("model");
        String version = input.string("version");
        int stepIndex = (int) input.integer("stepIndex");
        CanaryPolicy policy = context.policies().config(model, version, input.optionalString("policyProfile").orElse(null)).canary();
        List<Integer> steps = policy.steps();
        if (stepIndex < 0 || stepIndex >= steps.size()) {
            throw new InvalidInputException("deploy-canary: stepIndex " + stepIndex + " is outside the policy's steps " + steps);
        }
        VersionRecord record = context.registry().requireVersion(model, version);
        if (record.status() != ModelStatus.CANARY) {
            context.registry().transition(model, version, ModelStatus.CANARY, PipelineContext.ACTOR, "canary starts");
        }
        Deployment current = context.registry().deployment(model);
        if (current.challenger() != null && !current.challenger().equals(version)) {
            throw new IllegalStateException(model + " already has challenger " + current.challenger() + " in canary; "
                    + version + " cannot start before it is promoted or rolled back");
        }
        int weight = current.champion() == null ? 100 : steps.get(stepIndex);
        Deployment written = current.challengerWeight() == weight && version.equals(current.challenger())
                ? current // a retried step: already at this weight
                : context.registry().changeDeployment(model, current.revision(),
                        current.withChallenger(version, weight, DeploymentMode.CANARY), PipelineContext.ACTOR,
                        "canary step " + (stepIndex + 1) + "/" + steps.size() + ": " + weight + "% to " + version);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("weight", weight);
        result.put("stepIndex", stepIndex);
        result.put("revision", written.revision());
        result.put("deployedAt", context.clock().instant().toString());
        return result;
    }
}
