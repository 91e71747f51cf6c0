package dev.mlops.pipeline.tasks;

import dev.mlops.InvalidInputException;
import dev.mlops.Json;
import dev.mlops.model.ModelConfig;
import dev.mlops.packaging.TrainingRun;
import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.registry.VersionRecord;
import dev.mlops.store.StoredObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Register: {@code {model, runId, initiator, policyProfile?}} -> {@code {version, status: REGISTERED, policy}}.
 * Reads the run marker the trainer left, registers the version it names (once: a retried task finds it already
 * registered by this run and answers the same), and returns the policy numbers the workflow's Wait and Choice
 * states use.
 */
public final class RegisterTask implements Task {

    private final PipelineContext context;

    public RegisterTask(PipelineContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "register";
    }

    @Override
    public Map<String, Object> run(TaskInput input) {
        String model = input.string("model");
        String runId = TrainingRun.checkRunId(input.string("runId"));
        String initiator = input.string("initiator");
        TrainingRun run = marker(model, runId);
        VersionRecord record = alreadyRegistered(model, run.version())
                .orElseGet(() -> context.registry().register(model, run.version(), initiator));
        ModelConfig config = context.policies().config(model, run.version(), input.optionalString("policyProfile").orElse(null));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", run.version());
        result.put("status", record.status().name());
        result.put("policy", policy(config));
        return result;
    }

    /** The numbers the workflow itself needs: how long to wait for approval and each bake, the steps, the extensions. */
    static Map<String, Object> policy(ModelConfig config) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("approvalTimeoutSeconds", config.approval().timeoutSeconds());
        policy.put("bakeSeconds", config.canary().bakeSeconds());
        policy.put("steps", config.canary().steps());
        policy.put("maxExtensions", config.canary().maxExtensions());
        return policy;
    }

    private TrainingRun marker(String model, String runId) {
        String key = TrainingRun.key(model, runId);
        StoredObject object = context.store().get(key).orElseThrow(() -> new InvalidInputException("register: training run "
                + runId + " of " + model + " left no marker " + key + " (did the training job finish?)"));
        TrainingRun run = Json.read(object.bytes(), TrainingRun.class, key);
        if (!run.model().equals(model) || !run.runId().equals(runId)) {
            throw new InvalidInputException("register: marker " + key + " names " + run.model() + "/" + run.runId());
        }
        return run;
    }

    private Optional<VersionRecord> alreadyRegistered(String model, String version) {
        return context.registry().version(model, version);
    }
}
