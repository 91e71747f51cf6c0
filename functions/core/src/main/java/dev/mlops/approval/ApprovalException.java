package dev.mlops.approval;

import dev.mlops.MlopsException;

/** A decision that cannot be taken; {@link #reason()} says which rule refused it, for the HTTP status. */
public final class ApprovalException extends MlopsException {

    /** Why a decision was refused. */
    public enum Reason {
        /** No such approval request. */
        NOT_FOUND,
        /** The identity that started the training may not approve or reject it (separation of duties). */
        SELF_APPROVAL,
        /** The workflow stopped waiting: the request expired. */
        EXPIRED,
        /** Somebody already made the opposite decision. */
        ALREADY_DECIDED,
        /** The request lacks what a decision needs (a comment). */
        INVALID
    }

    private final Reason reason;

    public ApprovalException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
