package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.eval.Execution;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.persist.DirectoryExecutionStore;
import dev.mlops.workflows.asl.persist.ExecutionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.mlops.local.workflows.StubPipeline.START;
import static dev.mlops.local.workflows.StubPipeline.json;
import static dev.mlops.local.workflows.StubPipeline.trainingInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A training run parked on its approval survives a restart of the local runtime on the same MLOPS_HOME. */
class WorkflowRestartTest {

    @TempDir
    Path home;

    private DirectoryExecutionStore store() {
        return new DirectoryExecutionStore(home.resolve(LocalWorkflows.EXECUTIONS));
    }

    /** The approval handler gets the token just before the engine checkpoints the parked task. */
    private void awaitParkedCheckpoint(String arn) throws InterruptedException {
        for (int i = 0; i < 500 && store().checkpoint(arn).map(c -> c.parked() == null).orElse(true); i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void parkedOnApproval_runtimeReplaced_approveOnTheNewOne_completes() throws InterruptedException {
        StubPipeline first = new StubPipeline(store(), START);
        Execution parked = first.workflows.start("training-pipeline", "run-restart", trainingInput());
        String token = first.awaitApprovalRequest().path("taskToken").asText();
        awaitParkedCheckpoint(parked.executionArn());

        // The first runtime is dropped, as if the JVM stopped; a new one opens the same MLOPS_HOME two hours later.
        StubPipeline second = new StubPipeline(store(), START.plus(Duration.ofHours(2)));
        List<ExecutionRecord> listed = second.workflows.list();
        assertEquals(1, listed.size());
        assertEquals(ExecutionRecord.Status.RUNNING, listed.get(0).status());
        second.workflows.sendTaskSuccess(token, json("{\"decision\": \"APPROVED\", \"approver\": \"bob\", \"comment\": \"ok\"}"));

        ExecutionResult result = second.workflows.execution(parked.executionArn()).orElseThrow().await();
        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), result::cause);
        assertEquals("PROMOTED", result.output().path("outcome").asText());
        assertEquals(3, second.count("deploy-canary"));
        assertEquals(0, first.count("deploy-canary"));
        assertEquals(1, first.trainings.size() + second.trainings.size(), "training is not repeated");
        JsonNode described = second.workflows.describe(parked.executionArn()).orElseThrow().output();
        assertEquals("PROMOTED", described.path("outcome").asText());
        assertTrue(second.workflows.list().stream().allMatch(r -> r.status() == ExecutionRecord.Status.SUCCEEDED));
    }
}
