package dev.mlops.approval;

/** Where an approval request stands. Only {@code PENDING} can change, and only once. */
public enum ApprovalState {
    PENDING, APPROVED, REJECTED, EXPIRED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
