package dev.mlops.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.Json;
import dev.mlops.drift.Baseline;
import dev.mlops.drift.CategoricalHistogram;
import dev.mlops.drift.Histogram;
import dev.mlops.drift.NumericHistogram;
import dev.mlops.drift.Psi;
import dev.mlops.packaging.ModelPackages;
import dev.mlops.pipeline.PipelineFixture;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.pipeline.batch.PackageScorer;
import dev.mlops.pipeline.drift.StoreMetricLines;
import dev.mlops.pipeline.tasks.DriftCheckTask;
import dev.mlops.trainer.data.Applicant;
import dev.mlops.trainer.data.CreditRiskGenerator;
import dev.mlops.trainer.data.DriftKnobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Harness, not a timed test: DriftCheck over 1,000,000 captured rows x 10 features (8 capture files), against a
 * naive load-everything baseline (every line kept as a Jackson tree, then counted) in the same JVM. Run with
 * {@code -Dmlops.bench=true}; prints wall time and peak heap of each.
 */
@EnabledIfSystemProperty(named = "mlops.bench", matches = "true")
class DriftCheckBenchmark {

    private static final int ROWS = Integer.getInteger("mlops.bench.rows", 1_000_000);
    private static final int FILES = 8;

    @TempDir
    Path dir;

    @Test
    void driftCheck_millionRows_streamingVersusNaive() {
        PipelineFixture f = new PipelineFixture(dir);
        f.train("run-1", 1, 5000, DriftKnobs.none());
        f.makeChampion("credit-risk", "v1");
        Instant start = f.clock.instant().minus(Duration.ofHours(20));
        write(f, start);

        DriftCheckTask task = new DriftCheckTask(f.context, new StoreMetricLines(f.store));
        task.run(new TaskInput("drift-check", Map.of("model", "credit-risk"))); // warm-up: class loading, JIT
        System.gc();
        resetPeaks();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long process0 = os.getProcessCpuTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Map<String, Object> result = task.run(new TaskInput("drift-check", Map.of("model", "credit-risk")));
        double streamingSeconds = (System.nanoTime() - t0) / 1e9;
        double streamingCpu = (os.getProcessCpuTime() - process0) / 1e9;
        if (!Boolean.parseBoolean(System.getProperty("mlops.bench.naive", "true"))) {
            System.out.printf(Locale.ROOT, "drift-check bench: %d rows x 10 features in %d files; streaming DriftCheck %.2f s wall"
                    + " (%.2f s process CPU), peak heap %d MiB, max heap %d MiB (verdict %s)%n", ROWS, FILES, streamingSeconds,
                    streamingCpu, peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20, result.get("verdict"));
            return;
        }
        long streamingPeak = peakHeap();

        System.gc();
        resetPeaks();
        cpu0 = threads.getCurrentThreadCpuTime();
        t0 = System.nanoTime();
        double naivePsi = naive(f);
        double naiveSeconds = (System.nanoTime() - t0) / 1e9;
        double naiveCpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        long naivePeak = peakHeap();

        System.out.printf(Locale.ROOT, "drift-check bench: %d rows x 10 features in %d files; streaming DriftCheck %.2f s wall (%.2f s process CPU), peak heap"
                        + " %d MiB (verdict %s, rows %s); naive load-everything %.2f s wall (%.2f s thread CPU), peak heap %d MiB (debt_ratio PSI %.4f);"
                        + " max heap %d MiB%n", ROWS, FILES, streamingSeconds, streamingCpu, streamingPeak >> 20, result.get("verdict"),
                result.get("rows"), naiveSeconds, naiveCpu, naivePeak >> 20, naivePsi, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static void write(PipelineFixture f, Instant start) {
        List<Applicant> applicants;
        double[] p;
        int perFile = ROWS / FILES;
        try (PackageScorer scorer = new PackageScorer(new ModelPackages(f.store).read("credit-risk", "v1"))) {
            for (int file = 0; file < FILES; file++) {
                applicants = new CreditRiskGenerator(100 + file, DriftKnobs.none()).next(perFile);
                p = scorer.probabilities(applicants.stream().map(Applicant::features).toList());
                StringBuilder sb = new StringBuilder(perFile * 360);
                for (int i = 0; i < perFile; i++) {
                    Instant t = start.plusMillis((long) file * perFile * 50 + i * 50L);
                    sb.append("{\"type\":\"prediction\",\"predictionId\":\"p").append(file).append('-').append(i)
                            .append("\",\"model\":\"credit-risk\",\"version\":\"v1\",\"variant\":\"champion\",\"time\":\"").append(t)
                            .append("\",\"latencyMs\":2.5,\"inputs\":").append(Json.compact(applicants.get(i).features()))
                            .append(",\"probability\":").append((float) p[i]).append(",\"label\":\"0\"}\n");
                }
                f.store.put("capture/credit-risk/dt=" + start.toString().substring(0, 10) + "/i-" + file + ".jsonl",
                        sb.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The baseline: every line of every file parsed and kept, then counted into the baseline bins. */
    private static double naive(PipelineFixture f) {
        List<JsonNode> rows = new ArrayList<>();
        for (String key : f.store.list("capture/credit-risk/")) {
            for (String line : f.store.require(key).text().split("\n")) {
                if (!line.isBlank()) {
                    rows.add(Json.tree(line.getBytes(StandardCharsets.UTF_8), key));
                }
            }
        }
        Baseline baseline = new ModelPackages(f.store).readManifest("credit-risk", "v1").baseline();
        double debt = 0;
        for (Map.Entry<String, Histogram> e : baseline.features().entrySet()) {
            long[] counts = new long[e.getValue().counts().size()];
            for (JsonNode row : rows) {
                JsonNode value = row.get("inputs").get(e.getKey());
                if (e.getValue() instanceof NumericHistogram n) {
                    counts[n.binOf(value.asDouble())]++;
                } else {
                    CategoricalHistogram c = (CategoricalHistogram) e.getValue();
                    int i = c.levels().indexOf(value.asText());
                    counts[i < 0 ? c.levels().size() : i]++;
                }
            }
            double psi = Psi.between(e.getValue().counts(), java.util.Arrays.stream(counts).boxed().toList());
            debt = e.getKey().equals("debt_ratio") ? psi : debt;
        }
        return debt;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
