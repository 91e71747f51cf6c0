package dev.mlops.control;

import dev.mlops.Json;
import dev.mlops.approval.Approval;
import dev.mlops.approval.ApprovalState;
import dev.mlops.approval.ApprovalStore;
import dev.mlops.approval.DecisionResult;
import dev.mlops.approval.Outcome;
import dev.mlops.control.executions.Executions;
import dev.mlops.control.executions.TaskClosedException;
import dev.mlops.registry.IllegalTransitionException;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.registry.ModelStatus;
import dev.mlops.roles.Identity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An approver's decision and its effects, in an order that survives a crash at any point: the approval document
 * is decided first (the single-use gate: a compare-and-swap, so two approvers get one decision), then the version
 * moves in the registry (with the approver and comment in its audit trail), then the parked execution is resumed.
 * A repeated decision finds the first one recorded and redoes whichever effect is missing; resuming twice is
 * harmless because the engine refuses a closed task token, which is ignored here.
 */
public final class ApprovalDecisions {

    /** The task error a rejection resumes the execution with; the training-pipeline's Catch matches it. */
    public static final String REJECTED_ERROR = "ApprovalRejected";

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalDecisions.class);

    private final ApprovalStore approvals;
    private final ModelRegistry registry;
    private final Executions executions;

    public ApprovalDecisions(ApprovalStore approvals, ModelRegistry registry, Executions executions) {
        this.approvals = approvals;
        this.registry = registry;
        this.executions = executions;
    }

    /**
     * What a decision call did.
     *
     * @param approval the request as recorded, without its task token
     * @param repeated true when the same decision had already been recorded (this call changed nothing)
     * @param resumed  true when this call resumed the execution; false when the task was already closed
     */
    public record Result(Approval approval, boolean repeated, boolean resumed) {
    }

    /**
     * Decides approval {@code id} as {@code approver}.
     *
     * @throws dev.mlops.approval.ApprovalException with the rule that refused the decision
     * @throws IllegalTransitionException when the registry's version is in a status no decision can leave
     */
    public Result decide(String id, Outcome outcome, Identity approver, String comment) {
        DecisionResult result = approvals.decide(id, outcome, approver, comment);
        Approval approval = result.approval();
        moveVersion(approval);
        boolean resumed = resume(approval, result.repeated());
        return new Result(approval.redacted(), result.repeated(), resumed);
    }

    private void moveVersion(Approval approval) {
        ModelStatus target = approval.state() == ApprovalState.APPROVED ? ModelStatus.APPROVED : ModelStatus.REJECTED;
        ModelStatus current = registry.requireVersion(approval.model(), approval.version()).status();
        if (current == target) {
            return;
        }
        try {
            registry.transition(approval.model(), approval.version(), target, approval.decision().actor(),
                    approval.decision().comment());
        } catch (IllegalTransitionException e) {
            // A repeated call racing this one may have moved it first; anything else is a real inconsistency.
            if (registry.requireVersion(approval.model(), approval.version()).status() != target) {
                throw e;
            }
        }
    }

    private boolean resume(Approval approval, boolean repeated) {
        Map<String, String> decision = new LinkedHashMap<>();
        try {
            if (approval.state() == ApprovalState.APPROVED) {
                decision.put("decision", ApprovalState.APPROVED.name());
                decision.put("approver", approval.decision().actor());
                decision.put("comment", approval.decision().comment());
                executions.sendTaskSuccess(approval.taskToken(), Json.compact(decision));
            } else {
                decision.put("approver", approval.decision().actor());
                decision.put("comment", approval.decision().comment());
                executions.sendTaskFailure(approval.taskToken(), REJECTED_ERROR, Json.compact(decision));
            }
            return true;
        } catch (TaskClosedException e) {
            if (!repeated) {
                // First decision but the engine no longer waits (its timeout fired before ours): the decision stands
                // in the registry; the workflow's timeout path handles the execution.
                LOG.warn("approval {} decided {}, but the execution no longer waits: {}", approval.id(), approval.state(), e.getMessage());
            }
            return false;
        }
    }
}
