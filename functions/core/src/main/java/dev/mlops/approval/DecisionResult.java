package dev.mlops.approval;

/**
 * The recorded decision on a request.
 *
 * @param repeated true when this call found the same decision already recorded: the caller must not record it
 *                 again, but should make sure its effects happened (resume the execution; a callback that was
 *                 already delivered is refused by the engine and can be ignored)
 */
public record DecisionResult(Approval approval, boolean repeated) {
}
