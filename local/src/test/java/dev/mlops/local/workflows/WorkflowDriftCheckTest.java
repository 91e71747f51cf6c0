package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.eval.Execution;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.mlops.local.workflows.StubPipeline.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** workflows/drift-check.asl.json: drift starts the training-pipeline as system:drift, at most once a day. */
class WorkflowDriftCheckTest {

    private static final JsonNode INPUT = json("{\"model\": \"credit-risk\"}");
    private static final String RETRAIN_ARN = "arn:aws:states:local:000000000000:execution:training-pipeline:retrain-credit-risk-2026-11-27";

    private final StubPipeline stubs = new StubPipeline();

    @Test
    void noDrift_succeeds_nothingStarted() {
        ExecutionResult result = stubs.workflows.run("drift-check", null, INPUT);

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status());
        assertEquals("OK", result.output().path("drift").path("verdict").asText());
        assertEquals(0, stubs.trainings.size());
        assertTrue(stubs.notifications.isEmpty());
        assertTrue(stubs.workflows.execution(RETRAIN_ARN).isEmpty());
    }

    @Test
    void drift_notifiesAndStartsRetrainingAsSystemDrift() {
        stubs.drift = "DRIFT";

        ExecutionResult result = stubs.workflows.run("drift-check", "check-1", INPUT);

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), result::cause);
        assertEquals(RETRAIN_ARN, result.output().path("retraining").path("executionArn").asText());
        assertEquals("DRIFT", json(stubs.notifications.get(0).message()).path("event").asText());
        Execution retraining = stubs.workflows.execution(RETRAIN_ARN).orElseThrow();
        JsonNode input = retraining.input();
        assertEquals("system:drift", input.path("initiator").asText());
        assertEquals("datasets/credit-risk/2026-11-27.csv", input.path("dataset").asText());
        assertEquals(result.executionArn(), input.path("AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID").asText());

        JsonNode approval = stubs.awaitApprovalRequest();
        assertEquals("system:drift", approval.path("initiator").asText());
        stubs.workflows.sendTaskFailure(approval.path("taskToken").asText(), "ApprovalRejected", "{}");
        assertEquals("REJECTED", retraining.await().output().path("outcome").asText());
    }

    @Test
    void drift_gpuModel_retrainingOnTheGpuQueue() {
        stubs.drift = "DRIFT";
        stubs.gpus = 1;

        stubs.workflows.run("drift-check", "check-1", INPUT);

        Execution retraining = stubs.workflows.execution(RETRAIN_ARN).orElseThrow();
        assertEquals(1, retraining.input().path("gpus").asInt());
        JsonNode approval = stubs.awaitApprovalRequest();
        stubs.workflows.sendTaskFailure(approval.path("taskToken").asText(), "ApprovalRejected", "{}");
        assertEquals("local-gpu", StubPipeline.submittedQueue(retraining.await()));
    }

    @Test
    void secondDriftSameDay_alreadyRetraining_noDuplicate() {
        stubs.drift = "DRIFT";
        stubs.workflows.run("drift-check", "check-1", INPUT);
        stubs.awaitApprovalRequest();

        ExecutionResult second = stubs.workflows.run("drift-check", "check-2", INPUT);

        assertEquals(ExecutionResult.Status.SUCCEEDED, second.status());
        assertEquals("StepFunctions.ExecutionAlreadyExistsException", second.output().path("retraining").path("Error").asText());
        assertEquals(1, stubs.trainings.size());
        assertEquals(1, stubs.count("register"));
    }

    @Test
    void driftNextDay_startsANewRetraining() {
        stubs.drift = "DRIFT";
        stubs.workflows.run("drift-check", "check-1", INPUT);
        stubs.awaitApprovalRequest();
        stubs.clock.advance(Duration.ofDays(1));

        ExecutionResult nextDay = stubs.workflows.run("drift-check", "check-2", INPUT);

        assertTrue(nextDay.output().path("retraining").path("executionArn").asText().endsWith("retrain-credit-risk-2026-11-28"));
        stubs.awaitApprovalRequest();
        assertEquals(2, stubs.trainings.size());
    }
}
