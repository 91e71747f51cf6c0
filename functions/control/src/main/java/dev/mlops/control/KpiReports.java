package dev.mlops.control;

import dev.mlops.InvalidDocumentException;
import dev.mlops.Json;
import dev.mlops.MlopsException;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.store.ArtifactStore;

import java.util.List;
import java.util.Optional;

/**
 * Reads the KPI reports the pipeline writes (feedback joined to predictions: accuracy, AUC, business value per
 * version and day). Reports are JSON documents under {@link #prefix(String)}, keyed so that the newest sorts last
 * (for example {@code reports/kpi/credit-risk/2026-11-27.json}, as the pipeline's KpiReport writes them, next to
 * {@code reports/drift/} and {@code reports/canary/}); this reader serves the newest as is.
 */
public final class KpiReports {

    private final ArtifactStore store;

    public KpiReports(ArtifactStore store) {
        this.store = store;
    }

    /** {@code reports/kpi/{model}/}: where the KPI reports of {@code model} live. */
    public static String prefix(String model) {
        return "reports/kpi/" + ModelVersions.checkModel(model) + "/";
    }

    /** The newest report and its key. */
    public record Report(String key, Object report) {
    }

    /** The newest KPI report of {@code model}, if any was written. */
    public Optional<Report> latest(String model) {
        List<String> keys = store.list(prefix(model)).stream().filter(k -> k.endsWith(".json")).toList();
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        String key = keys.get(keys.size() - 1);
        return store.get(key).map(o -> {
            try {
                return new Report(key, Json.tree(o.bytes(), key));
            } catch (InvalidDocumentException e) {
                // A broken report is the pipeline's fault, not the caller's: not a 400.
                throw new MlopsException("KPI report is corrupt: " + e.getMessage(), e);
            }
        });
    }
}
