package dev.mlops.approval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.mlops.packaging.ModelVersions;

import java.time.Instant;

/**
 * One approval request and, once made, its decision ({@code approvals/{model}/{version}.json}).
 *
 * @param id       {@code {model}.{version}}: a version is put up for approval once, and dots never occur in
 *                 model names, so the id is readable and unambiguous in URLs
 * @param decision null while {@code PENDING}
 */
public record Approval(String id, String model, String version, String executionArn, String taskToken,
                       String initiator, String evidenceKey, Instant requestedAt, Instant expiresAt,
                       ApprovalState state, Decision decision) {

    public Approval {
        if (!id(model, version).equals(id)) {
            throw new IllegalArgumentException("approval id '" + id + "' must be " + id(model, version));
        }
        if (state == null || (state == ApprovalState.PENDING) != (decision == null)) {
            throw new IllegalArgumentException("approval " + id + ": a decision exactly when it is no longer pending");
        }
    }

    /** The id of the approval of {@code model}/{@code version}. */
    public static String id(String model, String version) {
        return ModelVersions.checkModel(model) + "." + ModelVersions.checkVersion(version);
    }

    /** The store key of the approval of {@code model}/{@code version}. */
    public static String key(String model, String version) {
        return ApprovalStore.PREFIX + ModelVersions.checkModel(model) + "/" + ModelVersions.checkVersion(version) + ".json";
    }

    /** Whether a decision made at {@code now} comes too late. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** This request closed with {@code state}. */
    Approval closed(ApprovalState state, Decision decision) {
        return new Approval(id, model, version, executionArn, taskToken, initiator, evidenceKey, requestedAt, expiresAt,
                state, decision);
    }

    /** The same pending request, parked again with a new token (the task was retried). */
    Approval withToken(String token, Instant newExpiry) {
        return new Approval(id, model, version, executionArn, token, initiator, evidenceKey, requestedAt, newExpiry,
                state, decision);
    }

    /** What the approver and the console may see: everything but the task token. */
    @JsonIgnore
    public Approval redacted() {
        return new Approval(id, model, version, executionArn, null, initiator, evidenceKey, requestedAt, expiresAt,
                state, decision);
    }
}
