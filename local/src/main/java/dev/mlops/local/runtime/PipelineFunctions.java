package dev.mlops.local.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mlops.local.workflows.LocalFunction;
import dev.mlops.local.workflows.LocalFunctions;
import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.pipeline.drift.MetricLines;
import dev.mlops.pipeline.tasks.AnalyzeCanaryTask;
import dev.mlops.pipeline.tasks.DeployCanaryTask;
import dev.mlops.pipeline.tasks.DriftCheckTask;
import dev.mlops.pipeline.tasks.EvaluateTask;
import dev.mlops.pipeline.tasks.ExpireApprovalTask;
import dev.mlops.pipeline.tasks.KpiReportTask;
import dev.mlops.pipeline.tasks.PipelineContext;
import dev.mlops.pipeline.tasks.PlanBatchTask;
import dev.mlops.pipeline.tasks.PromoteTask;
import dev.mlops.pipeline.tasks.RecordFailureTask;
import dev.mlops.pipeline.tasks.RegisterTask;
import dev.mlops.pipeline.tasks.RequestApprovalTask;
import dev.mlops.pipeline.tasks.RollbackTask;
import dev.mlops.pipeline.tasks.ScoreBatchTask;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The pipeline's tasks as local Lambda functions, named as docs/workflow-contracts.md's table names them
 * ({@code register}, {@code request-approval}, ...). Each function does what the task's Lambda handler does
 * ({@code task.run(new TaskInput(task.name(), event))}); the tasks are built here, over the runtime's store, as the
 * pipeline's Micronaut factory builds them in AWS.
 */
public final class PipelineFunctions {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private PipelineFunctions() {
    }

    /** Every task of the pipeline over {@code context}; DriftCheck writes its metric lines to {@code metrics}. */
    public static List<Task> tasks(PipelineContext context, MetricLines metrics) {
        return List.of(new RegisterTask(context), new EvaluateTask(context), new RequestApprovalTask(context),
                new ExpireApprovalTask(context), new DeployCanaryTask(context), new AnalyzeCanaryTask(context),
                new PromoteTask(context), new RollbackTask(context), new RecordFailureTask(context),
                new DriftCheckTask(context, metrics), new PlanBatchTask(context), new ScoreBatchTask(context),
                new KpiReportTask(context));
    }

    /** The tasks that change a model's deployment. */
    static final Set<String> DEPLOYING = Set.of("deploy-canary", "promote", "rollback");

    /**
     * The tasks as functions by their names; after a task that changes a deployment ({@link #DEPLOYING}) succeeded,
     * {@code deploymentChanged} gets the model's name.
     */
    public static LocalFunctions of(List<Task> tasks, Consumer<String> deploymentChanged) {
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        for (Task task : tasks) {
            functions.put(task.name(), function(task, DEPLOYING.contains(task.name()) ? deploymentChanged : model -> { }));
        }
        return new LocalFunctions(functions);
    }

    @SuppressWarnings("unchecked")
    private static LocalFunction function(Task task, Consumer<String> after) {
        return payload -> {
            Map<String, Object> event = payload == null || !payload.isObject() ? Map.of() : JSON.convertValue(payload, Map.class);
            Map<String, Object> result = task.run(new TaskInput(task.name(), event));
            if (event.get("model") instanceof String model) {
                after.accept(model);
            }
            return JSON.valueToTree(result);
        };
    }
}
