package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.eval.Execution;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.eval.HistoryEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.mlops.local.workflows.StubPipeline.json;
import static dev.mlops.local.workflows.StubPipeline.submittedQueue;
import static dev.mlops.local.workflows.StubPipeline.trainingInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** workflows/training-pipeline.asl.json end to end in the local engine, with stub handlers and a virtual clock. */
class WorkflowTrainingPipelineTest {

    private final StubPipeline stubs = new StubPipeline();

    private ExecutionResult runApproved(String name) {
        stubs.approveInline();
        return stubs.workflows.run("training-pipeline", name, trainingInput());
    }

    @Test
    void approved_canarySteps10To50To100_promoted() {
        ExecutionResult result = runApproved("run-1");

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals("PROMOTED", result.output().path("outcome").asText());
        assertEquals(List.of(10, 50, 100), stubs.payloads("deploy-canary").stream()
                .map(p -> stubs.policy.path("steps").path(p.path("stepIndex").asInt()).asInt()).toList());
        assertEquals(100, result.output().path("deployment").path("weight").asInt());
        assertEquals(1, stubs.count("promote"));
        assertEquals("v1", result.output().path("promotion").path("champion").asText());
        assertEquals("APPROVED", result.output().path("approval").path("decision").asText());
        assertEquals("PROMOTED", message(stubs.notifications.get(0)).path("event").asText());
    }

    @Test
    void approved_bakesWaitOnTheVirtualClock_threeBakesOf600s() {
        ExecutionResult result = runApproved("run-bake");

        long waited = Duration.between(result.startDate(), result.stopDate()).toSeconds();
        assertEquals(3 * 600, waited);
    }

    @Test
    void train_submitsTheJobWithTheContractParameters() {
        runApproved("run-params");

        TrainingJobSpec job = stubs.trainings.get(0);
        assertEquals(new TrainingJobSpec("credit-risk", "datasets/credit-risk/2026-11-27.csv", "ds-alice", 42, "run-params"), job);
        JsonNode register = stubs.payloads("register").get(0);
        assertEquals("run-params", register.path("runId").asText());
        assertTrue(register.path("policyProfile").isNull(), "an absent policyProfile is passed as null");
    }

    @Test
    void train_noGpus_submitsToTheCpuQueue() {
        ExecutionResult result = runApproved("run-cpu");

        assertEquals("local", submittedQueue(result));
        assertEquals(0, result.output().path("gpus").asInt(-1), "gpus defaults to 0");
    }

    @Test
    void train_gpusAboveZero_submitsToTheGpuQueue() {
        stubs.approveInline();
        ObjectNode input = trainingInput().deepCopy();
        input.put("gpus", 1);
        ExecutionResult result = stubs.workflows.run("training-pipeline", "run-gpu", input);

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals("local-gpu", submittedQueue(result));
    }

    @Test
    void train_gpusNull_submitsToTheCpuQueue() {
        stubs.approveInline();
        ObjectNode input = trainingInput().deepCopy();
        input.putNull("gpus");
        ExecutionResult result = stubs.workflows.run("training-pipeline", "run-gpu-null", input);

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals("local", submittedQueue(result));
    }

    @Test
    void approval_fromOutside_executionParksThenCompletes() {
        Execution execution = stubs.workflows.start("training-pipeline", "run-parked", trainingInput());
        JsonNode request = stubs.awaitApprovalRequest();

        assertFalse(execution.isDone());
        assertEquals(execution.executionArn(), request.path("executionArn").asText());
        assertEquals(86400, request.path("timeoutSeconds").asInt());
        assertEquals("ds-alice", request.path("initiator").asText());
        stubs.workflows.sendTaskSuccess(request.path("taskToken").asText(),
                json("{\"decision\": \"APPROVED\", \"approver\": \"bob\", \"comment\": \"fine\"}"));

        ExecutionResult result = execution.await();
        assertEquals("PROMOTED", result.output().path("outcome").asText());
        assertEquals("bob", result.output().path("approval").path("approver").asText());
    }

    @Test
    void rejected_rejectedOutcome_noCanary() {
        Execution execution = stubs.workflows.start("training-pipeline", "run-rejected", trainingInput());
        JsonNode request = stubs.awaitApprovalRequest();
        stubs.workflows.sendTaskFailure(request.path("taskToken").asText(), "ApprovalRejected",
                "{\"approver\": \"bob\", \"comment\": \"drift in age\"}");

        ExecutionResult result = execution.await();
        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status());
        assertEquals("REJECTED", result.output().path("outcome").asText());
        assertEquals(0, stubs.count("deploy-canary"));
        JsonNode message = message(stubs.notifications.get(0));
        assertEquals("REJECTED", message.path("event").asText());
        assertTrue(message.path("decision").asText().contains("drift in age"));
    }

    @Test
    void approvalTimeout_expireApproval_expiredOutcome() {
        Execution execution = stubs.workflows.start("training-pipeline", "run-expired", trainingInput());
        stubs.awaitApprovalRequest();
        stubs.clock.advance(Duration.ofSeconds(86400));

        ExecutionResult result = execution.await();
        assertEquals("EXPIRED", result.output().path("outcome").asText());
        assertEquals(List.of(json("{\"model\": \"credit-risk\", \"version\": \"v1\"}")), stubs.payloads("expire-approval"));
        assertEquals("States.Timeout", result.output().path("approvalTimeout").path("Error").asText());
        assertEquals("EXPIRED", message(stubs.notifications.get(0)).path("event").asText());
        assertEquals(0, stubs.count("deploy-canary"));
    }

    @Test
    void trainingFails_retriedOnceThenCaught_failureRecordedAndNotified() {
        stubs.trainer = job -> {
            throw new IllegalStateException("out of memory in SGD");
        };

        ExecutionResult result = stubs.workflows.run("training-pipeline", "run-fail", trainingInput());

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertEquals("States.TaskFailed", result.error());
        assertEquals(2, stubs.trainings.size(), "one retry after 60 s");
        JsonNode batchJob = json(result.cause());
        assertEquals("FAILED", batchJob.path("Status").asText());
        assertTrue(batchJob.path("StatusReason").isTextual());
        JsonNode recorded = stubs.payloads("record-failure").get(0);
        assertEquals("States.TaskFailed", recorded.path("error").asText());
        assertTrue(recorded.path("version").isNull(), "no version was registered");
        assertEquals(result.executionArn(), recorded.path("executionArn").asText());
        assertEquals("RUN_FAILED", message(stubs.notifications.get(0)).path("event").asText());
        assertEquals(0, stubs.count("register"));
    }

    @Test
    void handlerException_errorIsItsClassName_recordedWithVersion() {
        stubs.override("evaluate", p -> {
            throw new IllegalStateException("champion package missing");
        });

        ExecutionResult result = stubs.workflows.run("training-pipeline", "run-evaluate-fails", trainingInput());

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertEquals("java.lang.IllegalStateException", result.error());
        assertEquals("champion package missing", json(result.cause()).path("errorMessage").asText());
        JsonNode recorded = stubs.payloads("record-failure").get(0);
        assertEquals("v1", recorded.path("version").asText());
        assertEquals("java.lang.IllegalStateException", recorded.path("error").asText());
    }

    @Test
    void lambdaThrottled_retriedWithBackoff_runCompletes() {
        AtomicInteger calls = new AtomicInteger();
        stubs.override("register", p -> {
            if (calls.incrementAndGet() < 3) {
                throw new AslError("Lambda.TooManyRequestsException", "Rate exceeded");
            }
            return json("{\"version\": \"v1\", \"status\": \"REGISTERED\", \"policy\": " + stubs.policy + "}");
        });

        ExecutionResult result = runApproved("run-throttled");

        assertEquals("PROMOTED", result.output().path("outcome").asText());
        assertEquals(3, calls.get());
    }

    @Test
    void extendWithinBound_bakesAgain_thenPromoted() {
        stubs.canaryVerdicts.addAll(List.of("EXTEND", "EXTEND", "NEXT_STEP", "NEXT_STEP", "PROMOTE"));

        ExecutionResult result = runApproved("run-extend");

        assertEquals("PROMOTED", result.output().path("outcome").asText());
        assertEquals(5, stubs.count("analyze-canary"));
        assertEquals(2, result.output().path("canary").path("extensions").asInt());
    }

    @Test
    void extendBeyondMaxExtensions_rolledBack() {
        stubs.canaryVerdicts.addAll(List.of("EXTEND", "EXTEND", "EXTEND"));

        ExecutionResult result = runApproved("run-extend-too-long");

        assertEquals("ROLLED_BACK", result.output().path("outcome").asText());
        assertEquals(3, stubs.count("analyze-canary"), "maxExtensions 2: the third EXTEND ends the canary");
        assertEquals(1, stubs.count("deploy-canary"));
        assertEquals(1, stubs.count("rollback"));
        assertEquals(0, stubs.count("promote"));
    }

    @Test
    void rollbackVerdict_rollbackWithReasons_rolledBackOutcome() {
        stubs.canaryVerdicts.addAll(List.of("NEXT_STEP", "ROLLBACK"));

        ExecutionResult result = runApproved("run-rollback");

        assertEquals("ROLLED_BACK", result.output().path("outcome").asText());
        JsonNode rollback = stubs.payloads("rollback").get(0);
        assertEquals("challenger error rate 4x champion", rollback.path("reasons").path(0).asText());
        assertEquals(2, stubs.count("deploy-canary"));
        JsonNode message = message(stubs.notifications.get(0));
        assertEquals("ROLLED_BACK", message.path("event").asText());
    }

    @Test
    void unknownCanaryVerdict_recordedAsFailure() {
        stubs.canaryVerdicts.add("MAYBE");

        ExecutionResult result = runApproved("run-unknown-verdict");

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertEquals("UnknownCanaryVerdict", result.error());
        assertEquals(1, stubs.count("record-failure"));
    }

    @Test
    void gateFail_gateFailedOutcome_noApprovalRequested() {
        stubs.evaluation = "FAIL";

        ExecutionResult result = stubs.workflows.run("training-pipeline", "run-gate", trainingInput());

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status());
        assertEquals("GATE_FAILED", result.output().path("outcome").asText());
        assertEquals(0, stubs.count("request-approval"));
        JsonNode message = message(stubs.notifications.get(0));
        assertEquals("GATE_FAILED", message.path("event").asText());
        assertEquals("AUC below 0.7", message.path("reasons").path(0).asText());
        assertTrue(stubs.notifications.get(0).subject().contains("failed the evaluation gate"));
    }

    @Test
    void everyRun_endsInAStateNamedByItsOutcome() {
        ExecutionResult result = runApproved("run-last-state");

        List<HistoryEvent> history = result.history();
        String lastEntered = history.stream().filter(e -> e.type().endsWith("StateEntered")).reduce((a, b) -> b)
                .orElseThrow().details().path("name").asText();
        assertEquals("Promoted", lastEntered);
    }

    static JsonNode message(Notification n) {
        return json(n.message());
    }
}
