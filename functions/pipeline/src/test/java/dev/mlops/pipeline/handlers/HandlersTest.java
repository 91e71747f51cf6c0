package dev.mlops.pipeline.handlers;

import dev.mlops.InvalidInputException;
import dev.mlops.pipeline.PipelineFixture;
import dev.mlops.registry.ModelStatus;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.store.fs.FileSystemArtifactStore;
import dev.mlops.trainer.data.DriftKnobs;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handlers through Micronaut, as the local runtime and Lambda run them: one context, beans from the factory. */
class HandlersTest {

    @TempDir
    static Path home;
    static ApplicationContext context;

    @BeforeAll
    static void start() {
        PipelineFixture fixture = new PipelineFixture(home);
        fixture.train("exec-1", 1, 3000, DriftKnobs.none());
        context = ApplicationContext.run(Map.of("mlops.pipeline.home", home.toString(),
                "mlops.pipeline.console-url", "http://console.test/"));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void registerEvaluateRequestApproval_throughHandlers_followTheContract() {
        Map<String, Object> registered = new RegisterHandler(context).execute(Map.of("model", "credit-risk", "runId", "exec-1",
                "initiator", "ds-alice"));
        assertEquals("v1", registered.get("version"));

        Map<String, Object> evaluation = new EvaluateHandler(context).execute(Map.of("model", "credit-risk", "version", "v1"));
        assertEquals("PASS", evaluation.get("verdict"));

        Map<String, Object> approval = new RequestApprovalHandler(context).execute(Map.of("model", "credit-risk", "version", "v1",
                "evidenceKey", evaluation.get("evidenceKey"), "initiator", "ds-alice", "taskToken", "tok",
                "executionArn", "arn:aws:states:local:000000000000:execution:training-pipeline:exec-1", "timeoutSeconds", 60));
        assertEquals("credit-risk.v1", approval.get("approvalId"));

        ModelRegistry registry = new ModelRegistry(new FileSystemArtifactStore(home.resolve("store")), Clock.systemUTC(), () -> "x");
        assertEquals(ModelStatus.PENDING_APPROVAL, registry.requireVersion("credit-risk", "v1").status());
        String notifications = assertDoesNotThrow(() -> Files.readString(home.resolve("notifications.jsonl")));
        assertTrue(notifications.contains("http://console.test/executions/arn:aws:states:local"), notifications);

        Map<String, Object> kpi = new KpiReportHandler(context).execute(Map.of("model", "credit-risk", "days", 1));
        assertTrue(((String) kpi.get("reportKey")).startsWith("reports/kpi/credit-risk/"), kpi.toString());
    }

    @Test
    void handleRequest_lambdaEntry_sameResult() {
        Map<String, Object> result = new RecordFailureHandler(context).handleRequest(Map.of("model", "credit-risk",
                "executionArn", "arn:aws:states:local:000000000000:execution:training-pipeline:x", "error", "States.Timeout"), null);
        assertEquals(true, result.get("recorded"));
    }

    @Test
    void malformedInput_handler_throwsInvalidInput() {
        assertThrows(InvalidInputException.class, () -> new ExpireApprovalHandler(context).execute(Map.of("model", "credit-risk")));
    }
}
