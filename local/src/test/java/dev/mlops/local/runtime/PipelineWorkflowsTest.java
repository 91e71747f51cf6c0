package dev.mlops.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.local.LocalEnvironment;
import dev.mlops.local.workflows.InboxNotifier;
import dev.mlops.local.workflows.LocalWorkflows;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.pipeline.drift.StoreMetricLines;
import dev.mlops.pipeline.notification.ConsoleLinks;
import dev.mlops.pipeline.tasks.PipelineContext;
import dev.mlops.registry.ModelStatus;
import dev.mlops.trainer.data.CreditRiskGenerator;
import dev.mlops.trainer.data.DriftKnobs;
import dev.mlops.workflows.asl.eval.Execution;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.eval.VirtualClock;
import dev.mlops.workflows.asl.persist.DirectoryExecutionStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * training-pipeline through the engine with the real pipeline tasks and the real trainer (as {@code ./mlops up}
 * wires them), on the virtual clock: the outcomes the stub-handler tests of the workflows cannot show, with real
 * data. Approve -> promote, rollback and drift run in {@code ./mlops demo} and its test; reject and self-approval go
 * through the control API in UpCommandTest.
 */
class PipelineWorkflowsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MODELS = Path.of("..", "models").toAbsolutePath().normalize();
    private static final Path WORKFLOWS = Path.of("..", "workflows").toAbsolutePath().normalize();

    @TempDir
    Path home;

    private LocalEnvironment env;
    private LocalWorkflows workflows;
    private final VirtualClock clock = new VirtualClock(Instant.now());

    @BeforeEach
    void setUp() throws IOException {
        env = LocalEnvironment.from(Map.of("MLOPS_HOME", home.toString(), "MLOPS_MODELS", MODELS.toString()), Clock.systemUTC());
        env.store().put(ModelVersions.configKey("credit-risk"), Files.readAllBytes(MODELS.resolve("credit-risk/model.json")));
        PipelineContext context = PipelineContext.of(env.store(), new InboxNotifications(InboxNotifier.in(home),
                "arn:aws:sns:local:000000000000:mlops-notifications", env.clock()), new ConsoleLinks("http://127.0.0.1:1/console/#", ""),
                env.clock(), () -> UUID.randomUUID().toString().substring(0, 8));
        workflows = LocalWorkflows.forEnvironment(WORKFLOWS, env,
                PipelineFunctions.of(PipelineFunctions.tasks(context, new StoreMetricLines(env.store())), model -> { }),
                "test", clock, new Random(1));
    }

    private String dataset(String name, boolean shuffledLabels) {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        new CreditRiskGenerator(7, DriftKnobs.none()).writeCsv(5000, csv);
        byte[] bytes = csv.toByteArray();
        if (shuffledLabels) {
            // Labels drawn independently of the features: nothing to learn, the holdout AUC is about 0.5.
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
            Random random = new Random(3);
            StringBuilder out = new StringBuilder(lines[0]).append('\n');
            for (int i = 1; i < lines.length; i++) {
                out.append(lines[i], 0, lines[i].length() - 1).append(random.nextInt(8) == 0 ? '1' : '0').append('\n');
            }
            bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        }
        String key = "datasets/credit-risk/" + name;
        env.store().put(key, bytes);
        return key;
    }

    private JsonNode input(String dataset) {
        return JSON.createObjectNode().put("model", "credit-risk").put("dataset", dataset).put("initiator", "ds-test")
                .put("seed", 42).put("policyProfile", "demo");
    }

    private ExecutionResult run(String name, String dataset) {
        return workflows.run("training-pipeline", name, input(dataset));
    }

    @Test
    void approvalTimeout_realHandlers_versionAndOutcomeExpired() throws InterruptedException {
        Execution execution = workflows.start("training-pipeline", "expires", input(dataset("clean.csv", false)));
        DirectoryExecutionStore store = new DirectoryExecutionStore(home.resolve(LocalWorkflows.EXECUTIONS));
        for (int i = 0; i < 600 && store.checkpoint(execution.executionArn()).map(c -> c.parked() == null).orElse(true); i++) {
            Thread.sleep(100);
        }
        // The demo profile's approval timeout is 600 s.
        clock.advance(Duration.ofSeconds(601));
        ExecutionResult result = execution.await();

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), result::cause);
        assertEquals("EXPIRED", result.output().path("outcome").asText());
        assertEquals(ModelStatus.EXPIRED, env.registry().requireVersion("credit-risk", "v1").status());
        assertTrue(InboxNotifier.in(home).read().stream().anyMatch(n -> n.subject() != null && n.subject().startsWith("Approval needed")),
                "the approval request reached the inbox");
    }

    @Test
    void trainingFails_onABrokenDataset_executionFailsAndTheFailureIsRecorded() {
        env.store().put("datasets/credit-risk/broken.csv", "age,income\nnot,numbers\n".getBytes(StandardCharsets.UTF_8));

        ExecutionResult result = run("broken", "datasets/credit-risk/broken.csv");

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertTrue(InboxNotifier.in(home).read().stream().anyMatch(n -> n.message().contains("RUN_FAILED")),
                "the failure was notified: " + InboxNotifier.in(home).read());
        assertTrue(env.registry().versions("credit-risk").isEmpty(), "nothing was registered");
    }

    @Test
    void gateFails_onLabelsUnrelatedToTheFeatures_gateFailedWithoutApprovalRequest() {
        ExecutionResult result = run("no-signal", dataset("no-signal.csv", true));

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), result::cause);
        assertEquals("GATE_FAILED", result.output().path("outcome").asText(), result.output().toString());
        assertEquals(ModelStatus.GATE_FAILED, env.registry().requireVersion("credit-risk", "v1").status());
        assertTrue(result.output().path("evaluation").path("reasons").toString().contains("minAuc"), result.output().toString());
    }
}
