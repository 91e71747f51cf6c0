package dev.mlops.approval;

/** What an approver decides. */
public enum Outcome {
    APPROVE(ApprovalState.APPROVED), REJECT(ApprovalState.REJECTED);

    private final ApprovalState state;

    Outcome(ApprovalState state) {
        this.state = state;
    }

    /** The state a request reaches with this outcome. */
    public ApprovalState state() {
        return state;
    }
}
