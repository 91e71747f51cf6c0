package dev.mlops.registry;

import dev.mlops.packaging.ModelVersions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry's document for one model version ({@code registry/{model}/versions/{version}.json}): its current
 * status and the whole history of how it got there. The package itself (lineage, metrics) stays in the package.
 *
 * @param packagePrefix where the version's package lives in the artifact store
 * @param onnxSha256    the model hash at registration, so a swapped package is detectable from the registry too
 */
public record VersionRecord(String model, String version, ModelStatus status, String packagePrefix, String onnxSha256,
                            Instant registeredAt, String registeredBy, List<StatusChange> history) {

    public VersionRecord {
        ModelVersions.checkModel(model);
        ModelVersions.checkVersion(version);
        if (status == null || packagePrefix == null || onnxSha256 == null || registeredAt == null || registeredBy == null) {
            throw new IllegalArgumentException("version record " + model + "/" + version + " is missing a required key");
        }
        history = List.copyOf(history);
    }

    /** This record moved to {@code target}; the caller has checked the transition. */
    public VersionRecord withStatus(ModelStatus target, String actor, Instant at, String reason) {
        List<StatusChange> changes = new ArrayList<>(history);
        changes.add(new StatusChange(status, target, actor, at, reason));
        return new VersionRecord(model, version, target, packagePrefix, onnxSha256, registeredAt, registeredBy, changes);
    }

    /** The approval of this version, if a person approved it. */
    public Optional<StatusChange> approval() {
        return history.stream().filter(c -> c.to() == ModelStatus.APPROVED).reduce((first, second) -> second);
    }
}
