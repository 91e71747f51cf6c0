package dev.mlops.trainer;

import dev.mlops.model.ModelConfig;
import dev.mlops.trainer.data.CsvDataset;

/**
 * Everything one training run depends on; with the same input the trainer makes the same model.
 *
 * @param config       the model config (features, label, trainer parameters)
 * @param data         the checked training data; its config must be {@code config}
 * @param datasetUri   where the data was read from, for the lineage
 * @param seed         seed of the split, the SGD order and the bootstrap samples
 * @param initiator    who started the training
 * @param codeRevision source revision of the trainer, or {@code unknown}
 * @param trainerImage container image the trainer runs in, or {@code local}
 */
public record TrainingInput(ModelConfig config, CsvDataset data, String datasetUri, long seed, String initiator,
                            String codeRevision, String trainerImage) {

    public TrainingInput {
        if (config == null || data == null) {
            throw new IllegalArgumentException("training input needs a config and data");
        }
        if (!data.config().equals(config)) {
            throw new IllegalArgumentException("data was checked against model '" + data.config().name()
                    + "' with another config than the one being trained");
        }
        requireText(datasetUri, "datasetUri");
        requireText(initiator, "initiator");
        requireText(codeRevision, "codeRevision");
        requireText(trainerImage, "trainerImage");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("training input needs a non-blank " + name + ", got '" + value + "'");
        }
    }
}
