package dev.mlops.approval;

import dev.mlops.packaging.ModelVersions;

import java.time.Duration;

/**
 * What a workflow asks for when it parks on an approval.
 *
 * @param executionArn the parked execution, shown to the approver and linked from the notification
 * @param taskToken    the callback token; kept in the store, never put in a URL or a notification
 * @param initiator    who started the training: that identity may not approve it
 * @param evidenceKey  the store key of the evaluation evidence the approver decides on
 * @param timeout      how long the workflow waits; a decision after that is refused
 */
public record ApprovalRequest(String model, String version, String executionArn, String taskToken, String initiator,
                              String evidenceKey, Duration timeout) {

    public ApprovalRequest {
        ModelVersions.checkModel(model);
        ModelVersions.checkVersion(version);
        if (taskToken == null || taskToken.isBlank()) {
            throw new IllegalArgumentException("an approval request needs the task token of the parked execution");
        }
        if (initiator == null || initiator.isBlank()) {
            throw new IllegalArgumentException("an approval request needs the training's initiator");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("an approval request needs a positive timeout, got " + timeout);
        }
    }
}
