package dev.mlops.registry;

import java.time.Instant;

/** One step of a version's history: who moved it from which status to which, when and why. */
public record StatusChange(ModelStatus from, ModelStatus to, String actor, Instant at, String reason) {

    public StatusChange {
        if (to == null || actor == null || actor.isBlank() || at == null) {
            throw new IllegalArgumentException("a status change needs a target status, an actor and a time");
        }
        reason = reason == null ? "" : reason;
    }
}
