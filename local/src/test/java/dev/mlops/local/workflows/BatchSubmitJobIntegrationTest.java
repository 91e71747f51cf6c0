package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.eval.Resource;
import dev.mlops.workflows.asl.eval.TaskRequest;
import dev.mlops.workflows.asl.eval.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.mlops.local.workflows.StubPipeline.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local {@code batch:submitJob.sync}: DescribeJobs' shape on success, Batch's cause on failure. */
class BatchSubmitJobIntegrationTest {

    private static final String SUBMIT = "{\"JobName\": \"train-credit-risk\", \"JobQueue\": \"local\","
            + " \"JobDefinition\": \"local-train-credit-risk\", \"Parameters\": {\"model\": \"credit-risk\","
            + " \"dataset\": \"datasets/d.csv\", \"initiator\": \"ds-alice\", \"seed\": \"42\", \"runId\": \"run-1\"}}";

    private final List<TrainingJobSpec> jobs = new ArrayList<>();

    private JsonNode submit(TrainingJobRunner runner, String parameters) {
        BatchSubmitJobIntegration batch = new BatchSubmitJobIntegration(job -> {
            jobs.add(job);
            return runner.run(job);
        }, "local-train-", () -> "job-1");
        return batch.invoke(new TaskRequest(Resource.parse("arn:aws:states:::batch:submitJob.sync"), json(parameters), null,
                "Train", "arn:aws:states:local:000000000000:execution:training-pipeline:run-1", new VirtualClock(Instant.EPOCH)));
    }

    @Test
    void success_describeJobsShape_runnerGotTheParameters() {
        JsonNode job = submit(j -> "v3", SUBMIT);

        assertEquals("job-1", job.path("JobId").asText());
        assertEquals("train-credit-risk", job.path("JobName").asText());
        assertEquals("SUCCEEDED", job.path("Status").asText());
        assertEquals(0, job.path("Container").path("ExitCode").asInt());
        assertTrue(job.path("JobDefinition").asText().endsWith("job-definition/local-train-credit-risk:1"));
        assertEquals(List.of(new TrainingJobSpec("credit-risk", "datasets/d.csv", "ds-alice", 42, "run-1")), jobs);
    }

    @Test
    void failure_taskFailed_causeIsTheFailedJobAsJson() {
        AslError e = assertThrows(AslError.class, () -> submit(j -> {
            throw new IllegalArgumentException("dataset has no label column");
        }, SUBMIT));

        assertEquals("States.TaskFailed", e.error());
        JsonNode job = json(e.cause());
        assertEquals("FAILED", job.path("Status").asText());
        assertEquals("Essential container in task exited", job.path("StatusReason").asText());
        assertEquals(2, job.path("Container").path("ExitCode").asInt());
        assertTrue(job.path("Container").path("Reason").asText().contains("no label column"));
    }

    @Test
    void seedNotANumber_jobFails() {
        AslError e = assertThrows(AslError.class, () -> submit(j -> "v1", SUBMIT.replace("\"42\"", "\"forty\"")));

        assertEquals("States.TaskFailed", e.error());
        assertTrue(jobs.isEmpty());
    }

    @Test
    void unknownJobDefinition_clientException() {
        AslError e = assertThrows(AslError.class, () -> submit(j -> "v1", SUBMIT.replace("local-train-credit-risk", "other")));

        assertEquals("Batch.ClientException", e.error());
    }
}
