package dev.mlops.pipeline.drift;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/** Metric lines on stdout, where Lambda's CloudWatch Logs integration extracts EMF metrics. */
public final class StdoutMetricLines implements MetricLines {

    private final PrintStream out;

    public StdoutMetricLines(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(String name, Instant at, List<String> lines) {
        synchronized (out) {
            lines.forEach(out::println);
            out.flush();
        }
    }
}
