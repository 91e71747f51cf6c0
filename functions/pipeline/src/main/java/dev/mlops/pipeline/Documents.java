package dev.mlops.pipeline;

import dev.mlops.Json;
import dev.mlops.store.ArtifactStore;

/**
 * Where the pipeline's evidence and reports live in the artifact store, and how they are written: once per key
 * (a retried task rewrites the same key with the same kind of content, never a second copy elsewhere).
 */
public final class Documents {

    private Documents() {
    }

    /** {@code evidence/{model}/{version}/evaluation.json}. */
    public static String evaluationKey(String model, String version) {
        return "evidence/" + model + "/" + version + "/evaluation.json";
    }

    /** {@code reports/canary/{model}/{version}/step-{i}-{n}.json}: one per analysis (n counts extensions). */
    public static String canaryReportKey(String model, String version, int stepIndex, int extensions) {
        return "reports/canary/" + model + "/" + version + "/step-" + stepIndex + "-" + extensions + ".json";
    }

    /** {@code reports/drift/{model}/{yyyy-MM-dd}/{HHmmss}.json}. */
    public static String driftReportKey(String model, java.time.Instant at) {
        String text = at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return "reports/drift/" + model + "/" + text.substring(0, 10) + "/" + text.substring(11, 19).replace(":", "") + ".json";
    }

    /** Writes {@code document} as indented JSON under {@code key}; returns the key. */
    public static String save(ArtifactStore store, String key, Object document) {
        store.put(key, Json.write(document));
        return key;
    }
}
