package dev.mlops.control;

import dev.mlops.InvalidDocumentException;
import dev.mlops.Json;
import dev.mlops.MlopsException;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.store.ArtifactStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the drift reports the pipeline's DriftCheck writes, one per check, under {@link #prefix(String)} as
 * {@code reports/drift/{model}/{yyyy-MM-dd}/{HHmmss}.json}: keys sort by time, so the newest sort last. Each report
 * is served as written (window, champion version, verdict and reasons, PSI and KS per variable).
 */
public final class DriftReports {

    private final ArtifactStore store;

    public DriftReports(ArtifactStore store) {
        this.store = store;
    }

    /** {@code reports/drift/{model}/}: where the drift reports of {@code model} live. */
    public static String prefix(String model) {
        return "reports/drift/" + ModelVersions.checkModel(model) + "/";
    }

    /** One report and its key. */
    public record Report(String key, Object report) {
    }

    /** The newest {@code limit} reports of {@code model}, newest first; empty when no check has run. */
    public List<Report> newest(String model, int limit) {
        List<String> keys = store.list(prefix(model)).stream().filter(k -> k.endsWith(".json")).toList();
        List<Report> reports = new ArrayList<>();
        for (int i = keys.size() - 1; i >= 0 && reports.size() < limit; i--) {
            String key = keys.get(i);
            store.get(key).ifPresent(o -> reports.add(new Report(key, parse(o.bytes(), key))));
        }
        return reports;
    }

    private static Object parse(byte[] bytes, String key) {
        try {
            return Json.tree(bytes, key);
        } catch (InvalidDocumentException e) {
            // A broken report is the pipeline's fault, not the caller's: not a 400.
            throw new MlopsException("drift report is corrupt: " + e.getMessage(), e);
        }
    }
}
