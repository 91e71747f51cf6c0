package dev.mlops.registry;

import dev.mlops.InvalidDocumentException;
import dev.mlops.Json;
import dev.mlops.MlopsException;
import dev.mlops.packaging.ModelPackages;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.packaging.PackageManifest;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.StoredObject;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The model registry: versions with checked status transitions, the deployment document, and the audit trail,
 * all as documents in an {@link ArtifactStore} (no database to run). Every change is a conditional write, so
 * concurrent writers (two Lambdas, two CLI processes) never lose an update: one wins, the other gets a
 * {@link VersionConflictException} or retries against the fresh state where that is safe.
 */
public final class ModelRegistry {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss.SSS").withZone(ZoneOffset.UTC);

    private final ArtifactStore store;
    private final ModelPackages packages;
    private final Clock clock;
    private final Supplier<String> ids;

    /**
     * @param ids source of audit event ids (random in production, counters in tests)
     */
    public ModelRegistry(ArtifactStore store, Clock clock, Supplier<String> ids) {
        this.store = store;
        this.packages = new ModelPackages(store);
        this.clock = clock;
        this.ids = ids;
    }

    /** {@code registry/{model}/versions/{version}.json}. */
    public static String versionKey(String model, String version) {
        return "registry/" + ModelVersions.checkModel(model) + "/versions/" + ModelVersions.checkVersion(version) + ".json";
    }

    /** {@code registry/{model}/deployment.json}. */
    public static String deploymentKey(String model) {
        return "registry/" + ModelVersions.checkModel(model) + "/deployment.json";
    }

    /** {@code audit/{model}/}: the model's audit events, one object each, keys sorted by time. */
    public static String auditPrefix(String model) {
        return "audit/" + ModelVersions.checkModel(model) + "/";
    }

    /**
     * Registers a version whose package is complete (its package.json exists). This is the last write of a
     * training: until it succeeds the version does not exist for anyone.
     *
     * @throws RegistryException when the package is missing or the version is already registered
     */
    public VersionRecord register(String model, String version, String actor) {
        if (!packages.exists(model, version)) {
            throw new RegistryException("cannot register " + model + "/" + version + ": no complete package under "
                    + ModelVersions.packagePrefix(model, version));
        }
        PackageManifest manifest = packages.readManifest(model, version);
        Instant now = clock.instant();
        VersionRecord record = new VersionRecord(model, version, ModelStatus.REGISTERED,
                ModelVersions.packagePrefix(model, version), manifest.onnxSha256(), now, actor,
                List.of(new StatusChange(null, ModelStatus.REGISTERED, actor, now, "registered")));
        if (store.createIfAbsent(versionKey(model, version), Json.write(record)).isEmpty()) {
            throw new RegistryException(model + "/" + version + " is already registered");
        }
        appendAudit(model, version, actor, "REGISTERED", "package " + record.packagePrefix(),
                Map.of("onnxSha256", manifest.onnxSha256()));
        return record;
    }

    /** The version's record, if registered. */
    public Optional<VersionRecord> version(String model, String version) {
        return store.get(versionKey(model, version)).map(o -> parse(o, VersionRecord.class));
    }

    /** The version's record, or a {@link VersionNotFoundException} naming it. */
    public VersionRecord requireVersion(String model, String version) {
        return version(model, version).orElseThrow(() -> new VersionNotFoundException(
                model + "/" + version + " is not registered" + (models().contains(model) ? "" : " (unknown model '" + model + "')")));
    }

    /** All registered versions of {@code model}, oldest first. */
    public List<VersionRecord> versions(String model) {
        String prefix = "registry/" + ModelVersions.checkModel(model) + "/versions/";
        return store.list(prefix).stream()
                .map(key -> parse(store.require(key), VersionRecord.class))
                .sorted(Comparator.comparingInt(r -> ModelVersions.number(r.version())))
                .toList();
    }

    /** Names of models with at least one registered version, sorted. */
    public List<String> models() {
        return store.list("registry/").stream()
                .map(key -> key.split("/"))
                .filter(parts -> parts.length == 4 && parts[2].equals("versions"))
                .map(parts -> parts[1])
                .distinct().sorted().toList();
    }

    /**
     * Moves a version to {@code target} if its life cycle allows it from the version's current status; retries
     * on a concurrent write and re-checks the transition against the fresh status.
     *
     * @throws IllegalTransitionException when the transition is not allowed
     */
    public VersionRecord transition(String model, String version, ModelStatus target, String actor, String reason) {
        VersionRecord updated = moveVersion(model, version, target, actor, reason);
        appendAudit(model, version, actor, "STATUS:" + target, reason, Map.of("from", previous(updated).name()));
        return updated;
    }

    /** The model's deployment; {@link Deployment#none()} if it was never deployed. */
    public Deployment deployment(String model) {
        return store.get(deploymentKey(model)).map(o -> parse(o, Deployment.class)).orElse(Deployment.none());
    }

    /**
     * Replaces the deployment document if its revision is still {@code expectedRevision}. The new document gets
     * revision {@code expectedRevision + 1}. Versions it names must be registered.
     *
     * @throws VersionConflictException when another change got there first
     */
    public Deployment changeDeployment(String model, long expectedRevision, Deployment proposed, String actor, String reason) {
        for (String v : new String[] {proposed.champion(), proposed.challenger()}) {
            if (v != null) {
                requireVersion(model, v);
            }
        }
        Deployment written = compareAndSetDeployment(model, expectedRevision, proposed);
        appendAudit(model, proposed.challenger() != null ? proposed.challenger() : proposed.champion(), actor, "DEPLOYMENT", reason,
                deploymentDetails(expectedRevision, written));
        return written;
    }

    /**
     * Makes {@code version} the champion (from CANARY, or from RETIRED as an operator rollback), retires the
     * previous champion and clears the challenger, if the deployment is still at {@code expectedRevision}.
     * The deployment write is the decision: a loser of a race changes nothing.
     *
     * @throws VersionConflictException   when the deployment moved past {@code expectedRevision}
     * @throws IllegalTransitionException when the version cannot become champion from its status
     */
    public Deployment promote(String model, String version, long expectedRevision, String actor, String reason) {
        VersionRecord candidate = requireVersion(model, version);
        if (!candidate.status().canMoveTo(ModelStatus.CHAMPION)) {
            throw new IllegalTransitionException(model, version, candidate.status(), ModelStatus.CHAMPION);
        }
        Deployment current = deployment(model);
        if (current.revision() != expectedRevision) {
            throw conflict(model, expectedRevision, current.revision());
        }
        String previousChampion = current.champion();
        Deployment written = compareAndSetDeployment(model, expectedRevision, current.withChampion(version));
        moveVersion(model, version, ModelStatus.CHAMPION, actor, reason);
        if (previousChampion != null && !previousChampion.equals(version)) {
            moveVersion(model, previousChampion, ModelStatus.RETIRED, actor, "replaced by " + version);
        }
        Map<String, String> details = new LinkedHashMap<>(deploymentDetails(expectedRevision, written));
        details.put("previousChampion", String.valueOf(previousChampion));
        appendAudit(model, version, actor, "PROMOTED", reason, details);
        return written;
    }

    /**
     * Appends an event that changes no document (a failed pipeline run, a notification sent), so that the audit
     * trail tells the whole story of a model and not only its state changes.
     *
     * @param version the version concerned, or {@code null} for a model-wide event
     */
    public void record(String model, String version, String actor, String action, String reason, Map<String, String> details) {
        ModelVersions.checkModel(model);
        appendAudit(model, version, actor, action, reason, details);
    }

    /** The model's audit events, oldest first. */
    public List<AuditEvent> audit(String model) {
        return store.list(auditPrefix(model)).stream()
                .map(key -> parse(store.require(key), AuditEvent.class))
                .toList();
    }

    private VersionRecord moveVersion(String model, String version, ModelStatus target, String actor, String reason) {
        String key = versionKey(model, version);
        while (true) {
            StoredObject object = store.get(key).orElseThrow(() -> new VersionNotFoundException(model + "/" + version + " is not registered"));
            VersionRecord current = parse(object, VersionRecord.class);
            if (!current.status().canMoveTo(target)) {
                throw new IllegalTransitionException(model, version, current.status(), target);
            }
            VersionRecord updated = current.withStatus(target, actor, clock.instant(), reason);
            if (store.replaceIfVersionMatches(key, Json.write(updated), object.version()).isPresent()) {
                return updated;
            }
            // Lost a race on the version document: re-read and re-check the transition against the winner's status.
        }
    }

    private Deployment compareAndSetDeployment(String model, long expectedRevision, Deployment proposed) {
        String key = deploymentKey(model);
        Optional<StoredObject> object = store.get(key);
        Deployment current = object.map(o -> parse(o, Deployment.class)).orElse(Deployment.none());
        if (current.revision() != expectedRevision) {
            throw conflict(model, expectedRevision, current.revision());
        }
        Deployment next = proposed.withRevision(expectedRevision + 1);
        byte[] bytes = Json.write(next);
        Optional<String> written = object.isPresent()
                ? store.replaceIfVersionMatches(key, bytes, object.get().version())
                : store.createIfAbsent(key, bytes);
        if (written.isEmpty()) {
            throw new VersionConflictException("deployment of " + model + " changed while revision " + expectedRevision
                    + " was being replaced: re-read it and decide again");
        }
        return next;
    }

    private void appendAudit(String model, String version, String actor, String action, String reason, Map<String, String> details) {
        Instant at = clock.instant();
        while (true) {
            AuditEvent event = new AuditEvent(ids.get(), model, version, actor, action, reason, at, details);
            String key = auditPrefix(model) + DAY.format(at) + "/" + TIME.format(at) + "-" + event.id() + ".json";
            if (store.createIfAbsent(key, Json.write(event)).isPresent()) {
                return;
            }
        }
    }

    private static Map<String, String> deploymentDetails(long expectedRevision, Deployment written) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("fromRevision", Long.toString(expectedRevision));
        details.put("revision", Long.toString(written.revision()));
        details.put("champion", String.valueOf(written.champion()));
        details.put("challenger", String.valueOf(written.challenger()));
        details.put("challengerWeight", Integer.toString(written.challengerWeight()));
        details.put("mode", written.mode().name());
        return details;
    }

    private static ModelStatus previous(VersionRecord record) {
        return record.history().get(record.history().size() - 1).from();
    }

    private static VersionConflictException conflict(String model, long expected, long actual) {
        return new VersionConflictException("deployment of " + model + " is at revision " + actual + ", not " + expected
                + ": someone else changed it first; re-read it and decide again");
    }

    private static <T> T parse(StoredObject object, Class<T> type) {
        try {
            return Json.read(object.bytes(), type, object.key());
        } catch (InvalidDocumentException e) {
            throw new MlopsException("registry document is corrupt: " + e.getMessage(), e);
        }
    }
}
