package dev.mlops.control.api;

import dev.mlops.InvalidInputException;
import dev.mlops.registry.DeploymentMode;

/**
 * The body of {@code PUT /v1/models/{model}/deployment}: the whole new deployment and the revision it replaces.
 *
 * @param expectedRevision the revision the operator read; another change since then answers 409
 * @param reason           why, for the audit trail
 */
record DeploymentOverride(Long expectedRevision, String champion, String challenger, Integer challengerWeight,
                          DeploymentMode mode, String reason) {

    DeploymentOverride {
        if (expectedRevision == null) {
            throw new InvalidInputException("'expectedRevision' is required: the revision of the deployment you read");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("'reason' is required: it goes into the audit trail");
        }
        challengerWeight = challengerWeight == null ? 0 : challengerWeight;
    }
}
