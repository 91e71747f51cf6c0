package dev.mlops.infra;

import dev.mlops.infra.capture.CaptureDelivery;
import dev.mlops.infra.config.Edition;
import dev.mlops.infra.config.LambdaJars;
import dev.mlops.infra.config.ModelSpec;
import dev.mlops.infra.config.Settings;
import dev.mlops.infra.monitoring.Monitoring;
import dev.mlops.infra.monitoring.Notifications;
import dev.mlops.infra.pipeline.Pipeline;
import dev.mlops.infra.serving.Serving;
import dev.mlops.infra.storage.ArtifactStorage;
import dev.mlops.infra.storage.ModelConfigPublication;
import dev.mlops.infra.training.Training;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the loop needs in one account: storage, serving, capture, training, pipeline, monitoring. It only
 * composes the constructs and connects them; each construct owns its resources.
 */
public final class MlopsStack extends Stack {

    /**
     * What the stack is built from, read and validated before any construct exists.
     *
     * @param settings     context parameters
     * @param models       the model configs
     * @param jars         the Lambda jars
     * @param workflowsDir the folder of the ASL files and placeholders.json
     * @param modelsDir    the folder of the model configs ({@code <name>/model.json}), published to the bucket
     */
    public record Inputs(Settings settings, List<ModelSpec> models, LambdaJars jars, Path workflowsDir, Path modelsDir) {
        /** Copies the model list. */
        public Inputs {
            models = List.copyOf(models);
        }
    }

    /** The workflow the schedules start. */
    public static final String DRIFT_CHECK = "drift-check";
    /** The workflow the control API starts for a training. */
    public static final String TRAINING_PIPELINE = "training-pipeline";

    private final ArtifactStorage storage;
    private final ModelConfigPublication modelConfigs;
    private final Serving serving;
    private final Training training;
    private final Pipeline pipeline;
    private final Monitoring monitoring;
    private final Notifications notifications;
    private final CaptureDelivery capture;

    /** The stack; {@code trainerRepositoryName} is the ECR repository of {@link ImagesStack}. */
    public MlopsStack(Construct scope, String id, StackProps props, Inputs inputs, String trainerRepositoryName) {
        super(scope, id, props);
        Settings settings = inputs.settings();
        storage = new ArtifactStorage(this, "Storage", inputs.models());
        modelConfigs = new ModelConfigPublication(this, "ModelConfigs", storage, inputs.modelsDir(), inputs.models());
        notifications = new Notifications(this, "Notifications", storage.getKey(), settings.alarmEmail());
        serving = new Serving(this, "Serving", settings, inputs.jars(), storage);
        capture = new CaptureDelivery(this, "Capture", serving.getInferenceLogs(), storage);
        String jobDefinitionPrefix = getStackName() + "-train-";
        // edition=community (LocalStack without Batch): no Training; the queue placeholders name queues that don't exist
        training = Edition.of(this).hasBatch() ? new Training(this, "Training", settings, inputs.models(), storage,
                trainerRepositoryName, jobDefinitionPrefix) : null;
        String cpuQueue = training != null ? training.getCpuQueue().getJobQueueArn() : absentQueue("cpu");
        String gpuQueue = training != null ? training.getGpuQueue().getJobQueueArn() : absentQueue("gpu");

        // placeholder values, by the names of docs/workflow-contracts.md (functions and state machines: Pipeline)
        Map<String, Pipeline.Resource> resources = new TreeMap<>();
        resources.put("ArtifactBucket", new Pipeline.Resource(Pipeline.Kind.BUCKET, storage.getBucket().getBucketName(),
                List.of(storage.getBucket().getBucketArn(), storage.getBucket().arnForObjects("*"))));
        resources.put("NotificationTopic", new Pipeline.Resource(Pipeline.Kind.SNS_TOPIC,
                notifications.getTopic().getTopicArn(), List.of(notifications.getTopic().getTopicArn())));
        // two queues, as a Batch queue cannot mix Fargate and EC2 compute environments: the training-pipeline picks
        // ${GpuTrainingJobQueue} when its input's gpus (the model's trainer.gpus) is above 0, else ${TrainingJobQueue}
        resources.put("TrainingJobQueue", new Pipeline.Resource(Pipeline.Kind.BATCH_QUEUE, cpuQueue, List.of(cpuQueue)));
        resources.put("GpuTrainingJobQueue", new Pipeline.Resource(Pipeline.Kind.BATCH_QUEUE, gpuQueue, List.of(gpuQueue)));
        resources.put("TrainingJobDefinitionPrefix", new Pipeline.Resource(Pipeline.Kind.BATCH_JOB_DEFINITION_PREFIX,
                jobDefinitionPrefix, List.of(formatArn(ArnComponents.builder().service("batch")
                        .resource("job-definition").resourceName(jobDefinitionPrefix + "*").build()))));
        pipeline = new Pipeline(this, "Pipeline", new Pipeline.Inputs(inputs.workflowsDir(), inputs.jars().pipeline(),
                storage, notifications.getTopic(), resources, settings.auditRetentionDays()));

        // the control API starts trainings and drift checks, answers task tokens and reads executions (docs/control-api.md)
        // mlops.control.training-pipeline-arn and drift-check-arn of the control function's configuration
        serving.getControl().addEnvironment("MLOPS_CONTROL_TRAINING_PIPELINE_ARN", pipeline.stateMachineArnOf(TRAINING_PIPELINE));
        serving.getControl().addEnvironment("MLOPS_CONTROL_DRIFT_CHECK_ARN", pipeline.stateMachineArnOf(DRIFT_CHECK));
        serving.getControl().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("states:StartExecution"))
                .resources(List.of(pipeline.stateMachineArnOf(TRAINING_PIPELINE), pipeline.stateMachineArnOf(DRIFT_CHECK)))
                .build());
        serving.getControl().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("states:DescribeExecution", "states:GetExecutionHistory"))
                .resources(pipeline.executionArns()).build());
        serving.getControl().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("states:ListExecutions"))
                .resources(pipeline.getStateMachines().keySet().stream().map(pipeline::stateMachineArnOf).sorted().toList())
                .build());
        // task tokens are not resources: IAM only accepts * for SendTaskSuccess/Failure/Heartbeat
        serving.getControl().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"))
                .resources(List.of("*")).build());

        monitoring = new Monitoring(this, "Monitoring", inputs.models(), notifications, serving.getApi(),
                pipeline.stateMachineArnOf(DRIFT_CHECK), pipeline.getStateMachines(), pipeline.getAliases().get("KpiReport"));
        NagSuppressions.apply(this);
    }

    /** The ARN of a job queue that edition=community leaves out. */
    private String absentQueue(String kind) {
        return formatArn(ArnComponents.builder().service("batch").resource("job-queue")
                .resourceName(getStackName() + "-" + kind + "-absent-in-community-edition").build());
    }

    /** The artifact store. */
    public ArtifactStorage getStorage() {
        return storage;
    }

    /** The publication of the model configs to the bucket. */
    public ModelConfigPublication getModelConfigs() {
        return modelConfigs;
    }

    /** The serving side. */
    public Serving getServing() {
        return serving;
    }

    /** Training on Batch; null with edition=community. */
    public Training getTraining() {
        return training;
    }

    /** The pipeline. */
    public Pipeline getPipeline() {
        return pipeline;
    }

    /** Alarms, schedules and dashboard. */
    public Monitoring getMonitoring() {
        return monitoring;
    }

    /** Capture delivery. */
    public CaptureDelivery getCapture() {
        return capture;
    }

    /** The notification topic. */
    public Notifications getNotifications() {
        return notifications;
    }
}
