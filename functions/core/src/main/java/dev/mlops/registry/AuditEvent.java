package dev.mlops.registry;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One append-only audit entry ({@code audit/{model}/{date}/{time}-{id}.json}): who did what to which version,
 * when and why. Approvals carry the approver in {@code actor} and the comment in {@code reason}.
 *
 * @param version the version concerned, or {@code null} for model-wide actions
 * @param action  what happened: {@code REGISTERED}, {@code STATUS:APPROVED}, {@code DEPLOYMENT}, ...
 * @param details small extra facts (previous and new deployment, revision)
 */
public record AuditEvent(String id, String model, String version, String actor, String action, String reason,
                         Instant at, Map<String, String> details) {

    public AuditEvent {
        if (id == null || model == null || actor == null || actor.isBlank() || action == null || at == null) {
            throw new IllegalArgumentException("an audit event needs an id, a model, an actor, an action and a time");
        }
        reason = reason == null ? "" : reason;
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details == null ? Map.of() : details));
    }
}
