package dev.mlops.registry;

import java.util.EnumSet;
import java.util.Set;

/**
 * Life cycle of a model version. The allowed transitions are the whole policy; everything else is refused:
 * <pre>
 * REGISTERED -> GATE_FAILED | PENDING_APPROVAL
 * PENDING_APPROVAL -> APPROVED | REJECTED | EXPIRED
 * APPROVED -> CANARY -> CHAMPION | ROLLED_BACK
 * CHAMPION -> RETIRED,  RETIRED -> CHAMPION (operator rollback)
 * </pre>
 */
public enum ModelStatus {
    REGISTERED, GATE_FAILED, PENDING_APPROVAL, APPROVED, REJECTED, EXPIRED, CANARY, CHAMPION, ROLLED_BACK, RETIRED;

    /** The statuses this one may move to. */
    public Set<ModelStatus> next() {
        return switch (this) {
            case REGISTERED -> EnumSet.of(GATE_FAILED, PENDING_APPROVAL);
            case PENDING_APPROVAL -> EnumSet.of(APPROVED, REJECTED, EXPIRED);
            case APPROVED -> EnumSet.of(CANARY);
            case CANARY -> EnumSet.of(CHAMPION, ROLLED_BACK);
            case CHAMPION -> EnumSet.of(RETIRED);
            case RETIRED -> EnumSet.of(CHAMPION);
            case GATE_FAILED, REJECTED, EXPIRED, ROLLED_BACK -> EnumSet.noneOf(ModelStatus.class);
        };
    }

    public boolean canMoveTo(ModelStatus target) {
        return next().contains(target);
    }

    /** Whether no transition leaves this status. */
    public boolean isFinal() {
        return next().isEmpty();
    }
}
