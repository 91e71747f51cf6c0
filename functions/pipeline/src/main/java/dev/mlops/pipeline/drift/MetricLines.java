package dev.mlops.pipeline.drift;

import java.util.List;

/**
 * Where EMF metric lines go: stdout in Lambda (CloudWatch extracts the metrics), a file in the store locally
 * ({@code metrics/pipeline/dt=YYYY-MM-DD/...}), as the serving function does with its own metrics.
 */
public interface MetricLines {

    /** Writes the lines of one check, named by {@code name} where the sink keeps files. */
    void write(String name, java.time.Instant at, List<String> lines);
}
