package dev.mlops.pipeline.tasks;

import dev.mlops.approval.Approval;
import dev.mlops.approval.ApprovalState;
import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.registry.ModelStatus;
import dev.mlops.registry.VersionRecord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ExpireApproval: {@code {model, version}}, after the approval task timed out. Closes the request as EXPIRED and
 * the version with it; a decision that beat the timeout stands (the request and the version keep it).
 */
public final class ExpireApprovalTask implements Task {

    private final PipelineContext context;

    public ExpireApprovalTask(PipelineContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "expire-approval";
    }

    @Override
    public Map<String, Object> run(TaskInput input) {
        String model = input.string("model");
        String version = input.string("version");
        VersionRecord record = context.registry().requireVersion(model, version);
        Approval approval = context.approvals().expire(Approval.id(model, version), "the workflow stopped waiting for a decision");
        if (approval.state() == ApprovalState.EXPIRED && record.status() == ModelStatus.PENDING_APPROVAL) {
            record = context.registry().transition(model, version, ModelStatus.EXPIRED, dev.mlops.approval.ApprovalStore.TIMEOUT_ACTOR,
                    "no decision before " + approval.expiresAt());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("approvalId", approval.id());
        result.put("state", approval.state().name());
        result.put("status", record.status().name());
        return result;
    }
}
