package dev.mlops.pipeline.drift;

import dev.mlops.store.ArtifactStore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Local metric lines: one object per check under {@code metrics/pipeline/dt=YYYY-MM-DD/{name}.jsonl}. */
public final class StoreMetricLines implements MetricLines {

    private final ArtifactStore store;

    public StoreMetricLines(ArtifactStore store) {
        this.store = store;
    }

    @Override
    public void write(String name, Instant at, List<String> lines) {
        String key = "metrics/pipeline/dt=" + at.toString().substring(0, 10) + "/" + name + ".jsonl";
        store.put(key, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
