package dev.mlops.pipeline.tasks;

import dev.mlops.approval.Approval;
import dev.mlops.approval.ApprovalRequest;
import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.pipeline.notification.Notification;
import dev.mlops.registry.ModelStatus;
import dev.mlops.registry.VersionRecord;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RequestApproval (a {@code waitForTaskToken} task): {@code {model, version, evidenceKey, initiator, taskToken,
 * executionArn, timeoutSeconds}}. Moves the version to PENDING_APPROVAL, stores the request with the token
 * (server-side only) and notifies with links to the approval page and the paused execution. Its result is
 * ignored by Step Functions, which waits for the control API's SendTaskSuccess/Failure.
 */
public final class RequestApprovalTask implements Task {

    private final PipelineContext context;

    public RequestApprovalTask(PipelineContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "request-approval";
    }

    @Override
    public Map<String, Object> run(TaskInput input) {
        String model = input.string("model");
        String version = input.string("version");
        String executionArn = input.string("executionArn");
        String initiator = input.string("initiator");
        String evidenceKey = input.string("evidenceKey");
        long timeout = input.integer("timeoutSeconds");
        ApprovalRequest request = new ApprovalRequest(model, version, executionArn, input.string("taskToken"), initiator,
                evidenceKey, Duration.ofSeconds(timeout));
        VersionRecord record = context.registry().requireVersion(model, version);
        // A retried task finds the version already pending: the request below then only renews the token.
        if (record.status() != ModelStatus.PENDING_APPROVAL) {
            context.registry().transition(model, version, ModelStatus.PENDING_APPROVAL, PipelineContext.ACTOR,
                    "passed the gate; approval requested from someone other than " + initiator);
        }
        Approval approval = context.approvals().request(request);
        context.notifier().send(notification(approval, executionArn));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("approvalId", approval.id());
        result.put("state", approval.state().name());
        result.put("expiresAt", approval.expiresAt().toString());
        return result;
    }

    private Notification notification(Approval approval, String executionArn) {
        String approvalUrl = context.links().approval(approval.id());
        String executionUrl = context.links().execution(executionArn);
        String text = "Model " + approval.model() + " version " + approval.version() + " passed the evaluation gate and waits"
                + " for approval.\n\nTrained by: " + approval.initiator() + " (who may not approve it)"
                + "\nEvidence: " + approval.evidenceKey()
                + "\nDecide by: " + approval.expiresAt()
                + "\n\nReview and decide: " + approvalUrl
                + "\nPaused execution: " + executionUrl + "\n";
        return new Notification("Approval needed: " + approval.model() + " " + approval.version(), text,
                "APPROVAL_REQUESTED", approval.model(), Map.of("approval", approvalUrl, "execution", executionUrl));
    }
}
