package dev.mlops.control;

import dev.mlops.approval.ApprovalRequest;
import dev.mlops.approval.ApprovalStore;
import dev.mlops.approval.Outcome;
import dev.mlops.registry.ControlTestPackages;
import dev.mlops.registry.IllegalTransitionException;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.registry.ModelStatus;
import dev.mlops.roles.Identity;
import dev.mlops.roles.Role;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.fs.FileSystemArtifactStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order of a decision's effects, and how a repeat completes what a crash left undone. */
class ApprovalDecisionsTest {

    static final Identity BOB = new Identity("bob", Set.of(Role.APPROVER));

    @TempDir
    Path root;
    ArtifactStore store;
    ModelRegistry registry;
    ApprovalStore approvals;
    FakeExecutions engine;
    ApprovalDecisions decisions;

    @BeforeEach
    void setUp() {
        store = new FileSystemArtifactStore(root);
        AtomicInteger ids = new AtomicInteger();
        registry = new ModelRegistry(store, Clock.systemUTC(), () -> "a" + ids.incrementAndGet());
        approvals = new ApprovalStore(store, Clock.systemUTC());
        engine = new FakeExecutions();
        decisions = new ApprovalDecisions(approvals, registry, engine);
        ControlTestPackages.write(store, "credit-risk", "v2");
        registry.register("credit-risk", "v2", "ds-alice");
    }

    private String request() {
        return approvals.request(new ApprovalRequest("credit-risk", "v2", "arn:exec", "tok", "ds-alice", "evidence.json",
                Duration.ofHours(1))).id();
    }

    @Test
    void aRepeatAfterACrash_movesTheVersionAndResumesTheExecution() {
        registry.transition("credit-risk", "v2", ModelStatus.PENDING_APPROVAL, "system:pipeline", "gate passed");
        String id = request();
        approvals.decide(id, Outcome.APPROVE, BOB, "fine"); // the process died right after this write

        ApprovalDecisions.Result result = decisions.decide(id, Outcome.APPROVE, BOB, "fine, again");

        assertTrue(result.repeated());
        assertTrue(result.resumed());
        assertEquals(ModelStatus.APPROVED, registry.requireVersion("credit-risk", "v2").status());
        assertEquals("fine", registry.audit("credit-risk").get(registry.audit("credit-risk").size() - 1).reason(),
                "the recorded comment, not the repeat's");
        assertTrue(engine.callbacks("tok").get(0).output().contains("\"comment\":\"fine\""));
    }

    @Test
    void aFirstDecisionTheEngineNoLongerWaitsFor_standsAndSaysSo() {
        registry.transition("credit-risk", "v2", ModelStatus.PENDING_APPROVAL, "system:pipeline", "gate passed");
        String id = request();
        engine.sendTaskSuccess("tok", "{}"); // closes the token, as a fired timeout would

        ApprovalDecisions.Result result = decisions.decide(id, Outcome.REJECT, BOB, "no");

        assertFalse(result.repeated());
        assertFalse(result.resumed());
        assertEquals(ModelStatus.REJECTED, registry.requireVersion("credit-risk", "v2").status());
    }

    @Test
    void aVersionNotWaitingForApproval_isAConflict() {
        String id = request(); // the registry still says REGISTERED

        assertThrows(IllegalTransitionException.class, () -> decisions.decide(id, Outcome.APPROVE, BOB, "ok"));
        assertTrue(engine.callbacks().isEmpty(), "the execution is not resumed past an inconsistent registry");
    }
}
