package dev.mlops.control;

import dev.mlops.InvalidInputException;
import dev.mlops.Json;
import dev.mlops.control.executions.Executions;
import dev.mlops.model.ModelConfig;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.roles.Identity;
import dev.mlops.store.ArtifactKeys;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.StoredObject;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Starts the training-pipeline with the input of docs/workflow-contracts.md, the caller recorded as initiator. */
public final class Trainings {

    /** The logical name of the state machine started here. */
    public static final String STATE_MACHINE = "training-pipeline";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    /** Step Functions' limit on execution names. */
    private static final int MAX_NAME = 80;

    private final ArtifactStore store;
    private final Executions executions;
    private final Clock clock;
    private final RandomGenerator random;

    /**
     * @param random draws seeds not given in the request and the suffix of execution names
     */
    public Trainings(ArtifactStore store, Executions executions, Clock clock, RandomGenerator random) {
        this.store = store;
        this.executions = executions;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Starts a training of {@code model}.
     *
     * @throws NotFoundException     when the model has no published config
     * @throws InvalidInputException when the dataset is not a usable key or is missing from the store
     */
    public TrainingStart start(String model, TrainingRequest request, Identity initiator) {
        ModelConfig config = published(model);
        checkDataset(request.dataset());
        long seed = request.seed() != null ? request.seed() : random.nextLong(1, Integer.MAX_VALUE);
        String name = name(model);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("model", model);
        input.put("dataset", request.dataset());
        input.put("initiator", initiator.name());
        input.put("seed", seed);
        // the training-pipeline picks the GPU queue for gpus > 0 (docs/workflow-contracts.md)
        input.put("gpus", config.trainer().gpus());
        if (request.policyProfile() != null) {
            input.put("policyProfile", request.policyProfile());
        }
        String arn = executions.start(STATE_MACHINE, name, Json.compact(input));
        return new TrainingStart(arn, name, model, request.dataset(), seed, initiator.name(), request.policyProfile());
    }

    private ModelConfig published(String model) {
        String key = ModelVersions.configKey(model);
        StoredObject object = store.get(key).orElseThrow(() -> new NotFoundException("unknown model '" + model
                + "': no published config " + key + " in the artifact store (publish it with ./mlops models publish)"));
        return ModelConfig.parse(object.bytes(), key);
    }

    private void checkDataset(String dataset) {
        if (dataset.startsWith("s3://")) {
            return;
        }
        try {
            ArtifactKeys.validate(dataset);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("'dataset' must be an artifact-store key or s3:// URI: " + e.getMessage());
        }
        if (store.get(dataset).isEmpty()) {
            throw new InvalidInputException("dataset '" + dataset + "' is not in the artifact store");
        }
    }

    /** {@code train-<model>-<utc stamp>-<4 hex>}: sortable by time, unique, within Step Functions' 80 characters. */
    private String name(String model) {
        String suffix = "-" + STAMP.format(clock.instant()) + "-" + HexFormat.of().toHexDigits((short) random.nextInt(1 << 16));
        String prefix = "train-" + model;
        return prefix.substring(0, Math.min(prefix.length(), MAX_NAME - suffix.length())) + suffix;
    }
}
