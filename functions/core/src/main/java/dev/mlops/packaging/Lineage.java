package dev.mlops.packaging;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a model version came from: enough to retrain it bit for bit and to answer an auditor.
 *
 * @param datasetUri    where the training data was read from ({@code s3://...}, {@code file:...})
 * @param datasetSha256 SHA-256 of the dataset bytes as read
 * @param rows          data rows read (training plus holdout)
 * @param codeRevision  source revision of the trainer (git commit, or {@code unknown})
 * @param trainerImage  container image the trainer ran in, or {@code local}
 * @param algorithm     training algorithm
 * @param parameters    every training parameter, by name, as text
 * @param seed          seed of every random choice (splits, SGD order, bootstrap samples)
 * @param initiator     who started the training ({@code alice}, {@code system:drift})
 */
public record Lineage(String datasetUri, String datasetSha256, long rows, String codeRevision, String trainerImage,
                      String algorithm, Map<String, String> parameters, long seed, String initiator) {

    public Lineage {
        require(datasetUri, "datasetUri");
        require(datasetSha256, "datasetSha256");
        require(codeRevision, "codeRevision");
        require(trainerImage, "trainerImage");
        require(algorithm, "algorithm");
        require(initiator, "initiator");
        parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(parameters == null ? Map.of() : parameters));
        if (!datasetSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("lineage.datasetSha256 must be 64 lowercase hex digits, got '" + datasetSha256 + "'");
        }
        if (rows <= 0) {
            throw new IllegalArgumentException("lineage.rows must be positive, got " + rows);
        }
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing required key 'lineage." + key + "'");
        }
    }
}
