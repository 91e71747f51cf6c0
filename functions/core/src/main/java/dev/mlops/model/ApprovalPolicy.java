package dev.mlops.model;

/**
 * How long the training pipeline waits for a person to approve a version that passed the gate.
 *
 * @param timeoutSeconds after this the approval expires and the version with it (default one day, the longest a
 *                       parked Step Functions task is kept waiting by this project's workflows)
 */
public record ApprovalPolicy(Integer timeoutSeconds) {

    public ApprovalPolicy {
        timeoutSeconds = Checks.positive(Checks.orDefault(timeoutSeconds, 86_400), "approval.timeoutSeconds");
    }

    public static ApprovalPolicy defaults() {
        return new ApprovalPolicy(null);
    }
}
