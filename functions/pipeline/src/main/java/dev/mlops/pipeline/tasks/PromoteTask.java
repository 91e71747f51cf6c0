package dev.mlops.pipeline.tasks;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.registry.Deployment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Promote: {@code {model, version}} -> {@code {champion, revision}}. The registry's promotion is one
 * compare-and-swap of the deployment (the previous champion is retired, the challenger cleared); a retried task
 * whose first attempt already won answers the same.
 */
public final class PromoteTask implements Task {

    private final PipelineContext context;

    public PromoteTask(PipelineContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "promote";
    }

    @Override
    public Map<String, Object> run(TaskInput input) {
        String model = input.string("model");
        String version = input.string("version");
        Deployment current = context.registry().deployment(model);
        Deployment result = version.equals(current.champion()) && current.challenger() == null ? current
                : context.registry().promote(model, version, current.revision(), PipelineContext.ACTOR,
                        "passed every canary step");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("champion", result.champion());
        out.put("revision", result.revision());
        return out;
    }
}
