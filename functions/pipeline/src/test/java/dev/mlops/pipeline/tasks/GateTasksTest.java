package dev.mlops.pipeline.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.InvalidInputException;
import dev.mlops.Json;
import dev.mlops.approval.Approval;
import dev.mlops.approval.ApprovalState;
import dev.mlops.approval.Outcome;
import dev.mlops.pipeline.PipelineFixture;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.registry.AuditEvent;
import dev.mlops.registry.ModelStatus;
import dev.mlops.registry.VersionNotFoundException;
import dev.mlops.roles.Identity;
import dev.mlops.trainer.data.DriftKnobs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Register, Evaluate, RequestApproval, ExpireApproval and RecordFailure on real trained versions. */
class GateTasksTest {

    private static final String MODEL = "credit-risk";

    @TempDir
    static Path templateDir;
    static PipelineFixture template;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        template = new PipelineFixture(templateDir);
        template.train("run-1", 1, 4000, DriftKnobs.none());                          // v1: the champion-to-be
        template.train("run-2", 2, 4000, DriftKnobs.none());                          // v2: as good
        template.train("run-3", 3, 4000, new DriftKnobs(Map.of(), Map.of(), Map.of(), 0, PipelineFixture.NOISE)); // v3: chance
        template.train("run-4", 4, 4000, DriftKnobs.none().withShift("debt_ratio", 0.4)); // v4: other population
    }

    private static TaskInput in(String task, Map<String, Object> fields) {
        return new TaskInput(task, fields);
    }

    private PipelineFixture fixture() {
        return PipelineFixture.copyOf(template, dir);
    }

    @Test
    void register_marker_registersItsVersionAndReturnsPolicy() {
        PipelineFixture f = fixture();
        RegisterTask task = new RegisterTask(f.context);

        Map<String, Object> result = task.run(in("register", Map.of("model", MODEL, "runId", "run-2", "initiator", "ds-alice")));

        assertEquals("v2", result.get("version"));
        assertEquals("REGISTERED", result.get("status"));
        assertEquals(Map.of("approvalTimeoutSeconds", 86400, "bakeSeconds", 300, "steps", List.of(10, 50, 100), "maxExtensions", 2),
                result.get("policy"));
        assertEquals("ds-alice", f.registry().requireVersion(MODEL, "v2").registeredBy());
        // A retried task answers the same and registers nothing twice.
        assertEquals(result, task.run(in("register", Map.of("model", MODEL, "runId", "run-2", "initiator", "ds-alice"))));
    }

    @Test
    void register_demoProfile_returnsProfilePolicy() {
        Map<String, Object> result = new RegisterTask(fixture().context).run(in("register",
                Map.of("model", MODEL, "runId", "run-1", "initiator", "ds-alice", "policyProfile", "demo")));
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) result.get("policy");
        assertEquals(600, policy.get("approvalTimeoutSeconds"));
        assertEquals(5, policy.get("bakeSeconds"));
    }

    @Test
    void register_unknownRunOrMalformedInput_refusedWithTheKey() {
        RegisterTask task = new RegisterTask(fixture().context);
        InvalidInputException noMarker = assertThrows(InvalidInputException.class,
                () -> task.run(in("register", Map.of("model", MODEL, "runId", "run-9", "initiator", "a"))));
        assertTrue(noMarker.getMessage().contains("training-runs/credit-risk/run-9.json"), noMarker.getMessage());
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> task.run(in("register", Map.of("model", MODEL, "initiator", "a"))));
        assertTrue(missing.getMessage().contains("'runId'"), missing.getMessage());
        assertThrows(InvalidInputException.class,
                () -> task.run(in("register", Map.of("model", MODEL, "runId", 7, "initiator", "a"))));
    }

    @Test
    void evaluate_firstVersion_passesOnAbsoluteThresholdsAndSavesEvidence() {
        PipelineFixture f = fixture();
        f.registry().register(MODEL, "v1", "ds-alice");

        Map<String, Object> result = new EvaluateTask(f.context).run(in("evaluate", Map.of("model", MODEL, "version", "v1")));

        assertEquals("PASS", result.get("verdict"), result.toString());
        assertEquals("evidence/credit-risk/v1/evaluation.json", result.get("evidenceKey"));
        JsonNode evidence = Json.tree(f.store.require("evidence/credit-risk/v1/evaluation.json").bytes(), "evidence");
        assertEquals(3, evidence.get("checks").size());
        assertTrue(evidence.get("metrics").get("auc").asDouble() > 0.7);
    }

    @Test
    void evaluate_asGoodAsChampion_passesWithSmallTrainingDataPsi() {
        PipelineFixture f = fixture();
        f.makeChampion(MODEL, "v1");
        f.registry().register(MODEL, "v2", "ds-alice");

        Map<String, Object> result = new EvaluateTask(f.context).run(in("evaluate", Map.of("model", MODEL, "version", "v2")));

        assertEquals("PASS", result.get("verdict"), result.toString());
        JsonNode psi = Json.tree(f.store.require((String) result.get("evidenceKey")).bytes(), "evidence").get("trainingDataPsi");
        assertEquals(10, psi.size());
        psi.fields().forEachRemaining(e -> assertTrue(e.getValue().asDouble() < 0.05, e.toString()));
    }

    @Test
    void evaluate_chanceModel_failsAndMovesToGateFailed() {
        PipelineFixture f = fixture();
        f.makeChampion(MODEL, "v1");
        f.registry().register(MODEL, "v3", "ds-alice");

        Map<String, Object> result = new EvaluateTask(f.context).run(in("evaluate", Map.of("model", MODEL, "version", "v3")));

        assertEquals("FAIL", result.get("verdict"));
        @SuppressWarnings("unchecked")
        List<String> reasons = (List<String>) result.get("reasons");
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("holdout AUC >= evaluation.minAuc")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("AUC drop vs champion v1")), reasons.toString());
        assertEquals(ModelStatus.GATE_FAILED, f.registry().requireVersion(MODEL, "v3").status());
    }

    @Test
    void evaluate_shiftedTrainingData_failsOnPsiOfThatFeature() {
        PipelineFixture f = fixture();
        f.makeChampion(MODEL, "v1");
        f.registry().register(MODEL, "v4", "ds-alice");

        Map<String, Object> result = new EvaluateTask(f.context).run(in("evaluate", Map.of("model", MODEL, "version", "v4")));

        assertEquals("FAIL", result.get("verdict"));
        @SuppressWarnings("unchecked")
        List<String> reasons = (List<String>) result.get("reasons");
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("training-data PSI of debt_ratio")), reasons.toString());
    }

    @Test
    void evaluate_unknownVersion_versionNotFound() {
        assertThrows(VersionNotFoundException.class,
                () -> new EvaluateTask(fixture().context).run(in("evaluate", Map.of("model", MODEL, "version", "v42"))));
    }

    @Test
    void requestApproval_registered_pendingStoredAndNotifiedWithLinksButNoToken() throws IOException {
        PipelineFixture f = fixture();
        f.registry().register(MODEL, "v1", "ds-alice");
        Map<String, Object> input = approvalInput("secret-token-1");

        Map<String, Object> result = new RequestApprovalTask(f.context).run(in("request-approval", input));

        assertEquals("credit-risk.v1", result.get("approvalId"));
        assertEquals(ModelStatus.PENDING_APPROVAL, f.registry().requireVersion(MODEL, "v1").status());
        Approval approval = f.context.approvals().find("credit-risk.v1").orElseThrow();
        assertEquals("secret-token-1", approval.taskToken());
        assertEquals(PipelineFixture.START.plusSeconds(600), approval.expiresAt());
        String notifications = Files.readString(f.dir.resolve("notifications.jsonl"), StandardCharsets.UTF_8);
        JsonNode line = Json.tree(notifications.strip().getBytes(StandardCharsets.UTF_8), "notification");
        assertEquals("APPROVAL_REQUESTED", line.get("kind").asText());
        assertEquals("http://console.test/approvals/credit-risk.v1", line.get("links").get("approval").asText());
        assertEquals("https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/"
                + input.get("executionArn"), line.get("links").get("execution").asText());
        assertTrue(line.get("text").asText().contains("http://console.test/approvals/credit-risk.v1"));
        assertTrue(!notifications.contains("secret-token-1"), "the task token never leaves the store");

        // A retried task renews the token and stays pending.
        new RequestApprovalTask(f.context).run(in("request-approval", approvalInput("secret-token-2")));
        assertEquals("secret-token-2", f.context.approvals().find("credit-risk.v1").orElseThrow().taskToken());
    }

    @Test
    void expireApproval_pending_expiresRequestAndVersion() {
        PipelineFixture f = fixture();
        f.registry().register(MODEL, "v1", "ds-alice");
        new RequestApprovalTask(f.context).run(in("request-approval", approvalInput("t")));
        f.clock.advance(Duration.ofSeconds(601));

        Map<String, Object> result = new ExpireApprovalTask(f.context).run(in("expire-approval", Map.of("model", MODEL, "version", "v1")));

        assertEquals("EXPIRED", result.get("state"));
        assertEquals("EXPIRED", result.get("status"));
        assertEquals(ModelStatus.EXPIRED, f.registry().requireVersion(MODEL, "v1").status());
    }

    @Test
    void expireApproval_alreadyApproved_decisionStands() {
        PipelineFixture f = fixture();
        f.registry().register(MODEL, "v1", "ds-alice");
        new RequestApprovalTask(f.context).run(in("request-approval", approvalInput("t")));
        f.context.approvals().decide("credit-risk.v1", Outcome.APPROVE, new Identity("approver-bob", java.util.Set.of()), "looks good");

        Map<String, Object> result = new ExpireApprovalTask(f.context).run(in("expire-approval", Map.of("model", MODEL, "version", "v1")));

        assertEquals(ApprovalState.APPROVED.name(), result.get("state"));
        assertEquals("PENDING_APPROVAL", result.get("status"));
    }

    @Test
    void recordFailure_trainingFailed_auditedAndNotified() throws IOException {
        PipelineFixture f = fixture();
        Map<String, Object> result = new RecordFailureTask(f.context).run(in("record-failure", Map.of("model", MODEL,
                "executionArn", "arn:aws:states:eu-west-1:123456789012:execution:training-pipeline:exec-9", "state", "Train",
                "error", "States.TaskFailed", "cause", "x".repeat(5000))));

        assertEquals(true, result.get("recorded"));
        AuditEvent event = f.registry().audit(MODEL).get(0);
        assertEquals("PIPELINE_FAILED", event.action());
        assertEquals("Train", event.details().get("state"));
        assertTrue(event.details().get("cause").length() < 2100);
        assertTrue(Files.readString(f.dir.resolve("notifications.jsonl")).contains("PIPELINE_FAILED"));
    }

    private static Map<String, Object> approvalInput(String token) {
        return Map.of("model", MODEL, "version", "v1", "evidenceKey", "evidence/credit-risk/v1/evaluation.json",
                "initiator", "ds-alice", "taskToken", token,
                "executionArn", "arn:aws:states:eu-west-1:123456789012:execution:training-pipeline:exec-1", "timeoutSeconds", 600);
    }
}
