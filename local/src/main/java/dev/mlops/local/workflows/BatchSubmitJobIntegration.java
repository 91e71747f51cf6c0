package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.InvalidInputException;
import dev.mlops.store.ArtifactNotFoundException;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.StatesErrors;
import dev.mlops.workflows.asl.eval.TaskHandler;
import dev.mlops.workflows.asl.eval.TaskRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code arn:aws:states:::batch:submitJob.sync}: runs the training job of the submitted job definition
 * ({@code {prefix}{model}}) with its {@code Parameters} through a {@link TrainingJobRunner}, then answers as the
 * integration does: DescribeJobs' job (JobId, JobName, Status SUCCEEDED, ...) on success; on failure the task error
 * {@code States.TaskFailed} with that job description, Status FAILED and a StatusReason, as JSON text for the cause.
 *
 * <p>The work takes its wall time on the execution's clock too, so the state's TimeoutSeconds applies.
 */
final class BatchSubmitJobIntegration implements TaskHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:batch:local:000000000000:";
    /** What Batch reports when the container's command exits, with or without success. */
    private static final String CONTAINER_EXITED = "Essential container in task exited";

    private final TrainingJobRunner runner;
    private final String jobDefinitionPrefix;
    private final Supplier<String> jobIds;

    BatchSubmitJobIntegration(TrainingJobRunner runner, String jobDefinitionPrefix, Supplier<String> jobIds) {
        this.runner = runner;
        this.jobDefinitionPrefix = jobDefinitionPrefix;
        this.jobIds = jobIds;
    }

    BatchSubmitJobIntegration(TrainingJobRunner runner, String jobDefinitionPrefix) {
        this(runner, jobDefinitionPrefix, () -> UUID.randomUUID().toString());
    }

    @Override
    public JsonNode invoke(TaskRequest request) {
        JsonNode p = request.input();
        String jobName = required(p, "JobName");
        String queue = required(p, "JobQueue");
        String definition = required(p, "JobDefinition");
        if (!definition.startsWith(jobDefinitionPrefix) || definition.length() == jobDefinitionPrefix.length()) {
            throw new AslError("Batch.ClientException", "Job definition '" + definition + "' not found: local job"
                    + " definitions are " + jobDefinitionPrefix + "<model>");
        }
        JsonNode parameters = p.path("Parameters");
        ObjectNode job = description(jobIds.get(), jobName, queue, definition, parameters, request.clock().now());
        long started = System.nanoTime();
        try {
            String model = definition.substring(jobDefinitionPrefix.length());
            runner.run(spec(model, parameters));
            request.work(Duration.ofNanos(System.nanoTime() - started));
            return finish(job, request.clock().now(), "SUCCEEDED", CONTAINER_EXITED, 0, null);
        } catch (RuntimeException e) {
            request.work(Duration.ofNanos(System.nanoTime() - started));
            ObjectNode failed = finish(job, request.clock().now(), "FAILED", CONTAINER_EXITED, exitCode(e),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
            throw new AslError(StatesErrors.TASK_FAILED, failed.toString());
        }
    }

    /** The job's parameters as the job definition's command receives them ({@code Ref::seed} and so on). */
    private static TrainingJobSpec spec(String model, JsonNode parameters) {
        String paramModel = parameters.path("model").asText(model);
        if (!paramModel.equals(model)) {
            throw new IllegalArgumentException("the job definition is for model '" + model + "' but Parameters.model is '"
                    + paramModel + "'");
        }
        String seed = parameter(parameters, "seed");
        try {
            return new TrainingJobSpec(model, parameter(parameters, "dataset"), parameter(parameters, "initiator"),
                    Long.parseLong(seed), parameter(parameters, "runId"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Parameters.seed must be an integer, got '" + seed + "'");
        }
    }

    private static String parameter(JsonNode parameters, String name) {
        JsonNode v = parameters.path(name);
        if (!v.isTextual()) {
            // Batch would leave Ref::name in the command, and the trainer would refuse it.
            throw new IllegalArgumentException("the job needs Parameters." + name + " as a string, got " + v);
        }
        return v.textValue();
    }

    private static String required(JsonNode p, String field) {
        JsonNode v = p.path(field);
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw new AslError("Batch.ClientException", "SubmitJob needs " + field + " as a string, got " + v);
        }
        return v.textValue();
    }

    private static ObjectNode description(String id, String name, String queue, String definition, JsonNode parameters,
                                          Instant at) {
        ObjectNode job = JSON.createObjectNode();
        job.put("JobArn", ARN + "job/" + id);
        job.put("JobId", id);
        job.put("JobName", name);
        job.put("JobQueue", queue.startsWith("arn:") ? queue : ARN + "job-queue/" + queue);
        job.put("JobDefinition", definition.startsWith("arn:") ? definition : ARN + "job-definition/" + definition + ":1");
        job.set("Parameters", parameters.isObject() ? parameters : JSON.createObjectNode());
        job.put("CreatedAt", at.toEpochMilli());
        job.put("StartedAt", at.toEpochMilli());
        job.putArray("DependsOn");
        job.putObject("Tags");
        job.putArray("PlatformCapabilities").add("EC2");
        return job;
    }

    private static ObjectNode finish(ObjectNode job, Instant at, String status, String reason, int exitCode, String containerReason) {
        job.put("Status", status);
        job.put("StatusReason", reason);
        job.put("StoppedAt", at.toEpochMilli());
        ObjectNode container = JSON.createObjectNode();
        container.put("ExitCode", exitCode);
        if (containerReason != null) {
            container.put("Reason", containerReason);
        }
        container.put("LogStreamName", "local/trainer/" + job.path("JobId").asText());
        job.set("Container", container);
        ObjectNode attempt = job.putArray("Attempts").addObject();
        attempt.set("Container", container.deepCopy());
        attempt.put("StartedAt", job.path("StartedAt").asLong());
        attempt.put("StoppedAt", at.toEpochMilli());
        attempt.put("StatusReason", reason);
        return job;
    }

    /** The trainer's exit codes: 2 for input the user can fix, 1 for anything else. */
    private static int exitCode(RuntimeException e) {
        return e instanceof InvalidInputException || e instanceof ArtifactNotFoundException
                || e instanceof IllegalArgumentException ? 2 : 1;
    }
}
