package dev.mlops.pipeline.tasks;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.pipeline.notification.Notification;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RecordFailure (the Catch of every task): {@code {model, version?, executionArn, state?, error, cause}}. Writes
 * the failure into the model's audit trail and notifies; the workflow then fails the execution.
 */
public final class RecordFailureTask implements Task {

    /** Causes carry stack traces; the audit event and the message keep their start. */
    static final int MAX_CAUSE = 2000;

    private final PipelineContext context;

    public RecordFailureTask(PipelineContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "record-failure";
    }

    @Override
    public Map<String, Object> run(TaskInput input) {
        String model = input.string("model");
        String version = input.optionalString("version").orElse(null);
        String executionArn = input.string("executionArn");
        String state = input.optionalString("state").orElse("unknown");
        String error = input.optionalString("error").orElse("unknown");
        String cause = cut(input.optionalString("cause").orElse(""));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("executionArn", executionArn);
        details.put("state", state);
        details.put("error", error);
        details.put("cause", cause);
        context.registry().record(model, version, PipelineContext.ACTOR, "PIPELINE_FAILED", "state " + state + " failed with " + error,
                details);
        String executionUrl = context.links().execution(executionArn);
        context.notifier().send(new Notification("Pipeline failed: " + model + (version == null ? "" : " " + version)
                + " at " + state, "The training pipeline of " + model + (version == null ? "" : " version " + version)
                + " failed in state " + state + ".\n\nError: " + error + "\nCause: " + cause + "\n\nExecution: " + executionUrl + "\n",
                "PIPELINE_FAILED", model, Map.of("execution", executionUrl)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("recorded", true);
        result.put("error", error);
        result.put("state", state);
        return result;
    }

    private static String cut(String text) {
        return text.length() <= MAX_CAUSE ? text : text.substring(0, MAX_CAUSE) + "...";
    }
}
