package dev.mlops.local.workflows;

import dev.mlops.workflows.asl.eval.Resource;
import dev.mlops.workflows.asl.eval.TaskHandler;
import dev.mlops.workflows.asl.eval.TaskResolver;

import java.util.Optional;

/**
 * The task integrations of the workflows, wired to their local counterparts: {@code lambda:invoke} (and
 * {@code .waitForTaskToken}, and direct Lambda ARNs) to {@link LocalFunctions}, {@code batch:submitJob.sync} to a
 * {@link TrainingJobRunner}, {@code sns:publish} to a {@link Notifier}. {@code states:startExecution} is left to the
 * engine's built-in nested executions; anything else resolves to nothing (the task fails with States.TaskFailed).
 */
public final class LocalIntegrations implements TaskResolver {

    private final TaskHandler lambda;
    private final TaskHandler batch;
    private final TaskHandler sns;

    /**
     * @param functions           the Lambda functions by name
     * @param trainer             runs training jobs
     * @param notifier            receives SNS messages
     * @param jobDefinitionPrefix the local job definitions' prefix ({@code ${TrainingJobDefinitionPrefix}})
     */
    public LocalIntegrations(LocalFunctions functions, TrainingJobRunner trainer, Notifier notifier, String jobDefinitionPrefix) {
        this.lambda = new LambdaInvokeIntegration(functions);
        this.batch = new BatchSubmitJobIntegration(trainer, jobDefinitionPrefix);
        this.sns = new SnsPublishIntegration(notifier);
    }

    @Override
    public Optional<TaskHandler> resolve(Resource resource) {
        boolean isCallback = resource.pattern() == Resource.Pattern.WAIT_FOR_TASK_TOKEN;
        boolean isRequest = resource.pattern() == Resource.Pattern.REQUEST_RESPONSE;
        boolean isJob = resource.pattern() == Resource.Pattern.RUN_JOB;
        String service = resource.resourceType() + ":" + resource.name();
        if (service.equals("lambda:invoke") && (isRequest || isCallback)) {
            return Optional.of(lambda);
        }
        if (resource.resourceType().equals("lambda") && resource.arn().startsWith("arn:aws:lambda:")) {
            return Optional.of(lambda);
        }
        if (service.equals("batch:submitJob") && isJob) {
            return Optional.of(batch);
        }
        if (service.equals("sns:publish") && (isRequest || isCallback)) {
            return Optional.of(sns);
        }
        return Optional.empty();
    }
}
