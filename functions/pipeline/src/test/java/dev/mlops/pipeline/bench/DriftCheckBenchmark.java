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
import dev.mlops.pipeline.capture.CaptureLines;
import dev.mlops.pipeline.capture.CaptureLog;
import dev.mlops.pipeline.drift.WindowCounts;
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

        // The reader DriftCheck used before the byte scanner: Jackson's streaming parser per line, same parallel scan.
        jacksonStreaming(f, start); // warm-up
        System.gc();
        resetPeaks();
        process0 = os.getProcessCpuTime();
        t0 = System.nanoTime();
        long jacksonRows = jacksonStreaming(f, start);
        double jacksonSeconds = (System.nanoTime() - t0) / 1e9;
        double jacksonCpu = (os.getProcessCpuTime() - process0) / 1e9;
        long jacksonPeak = peakHeap();

        System.gc();
        resetPeaks();
        cpu0 = threads.getCurrentThreadCpuTime();
        t0 = System.nanoTime();
        double naivePsi = naive(f);
        double naiveSeconds = (System.nanoTime() - t0) / 1e9;
        double naiveCpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        long naivePeak = peakHeap();

        parsingBreakdown(f, start);
        System.out.printf(Locale.ROOT, "drift-check bench: %d rows x 10 features in %d files; streaming DriftCheck %.2f s wall (%.2f s process CPU), peak heap"
                        + " %d MiB (verdict %s, rows %s); previous Jackson streaming reader %.2f s wall (%.2f s process CPU), peak heap %d MiB"
                        + " (rows %d); naive load-everything %.2f s wall (%.2f s thread CPU), peak heap %d MiB (debt_ratio PSI %.4f);"
                        + " max heap %d MiB; %d processors; wall ratios: Jackson/scanner %.2f, naive/scanner %.2f%n", ROWS, FILES,
                streamingSeconds, streamingCpu, streamingPeak >> 20, result.get("verdict"), result.get("rows"), jacksonSeconds,
                jacksonCpu, jacksonPeak >> 20, jacksonRows, naiveSeconds, naiveCpu, naivePeak >> 20, naivePsi,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                jacksonSeconds / streamingSeconds, naiveSeconds / streamingSeconds);
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

    /**
     * CPU per row of each part on one thread (thread CPU time, so that other processes on a shared machine count
     * less): reading the capture objects from the store, counting lines with the byte scanner, counting them with
     * the Jackson streaming reader. Three rounds; the last is printed (JIT warm).
     */
    private static void parsingBreakdown(PipelineFixture f, Instant start) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Baseline baseline = new ModelPackages(f.store).readManifest("credit-risk", "v1").baseline();
        Instant to = f.clock.instant();
        List<String> keys = new CaptureLog(f.store).keys("credit-risk", start, to);
        double read = 0;
        double scanner = 0;
        double jackson = 0;
        for (int round = 0; round < 3; round++) {
            read = 0;
            scanner = 0;
            jackson = 0;
            for (String key : keys) {
                long c0 = threads.getCurrentThreadCpuTime();
                byte[] bytes = f.store.require(key).bytes();
                long c1 = threads.getCurrentThreadCpuTime();
                WindowCounts fast = new WindowCounts(baseline);
                dev.mlops.pipeline.capture.PredictionLineScanner scan =
                        new dev.mlops.pipeline.capture.PredictionLineScanner("v1", start, to, fast);
                eachLine(bytes, (b, o, n) -> scan.count(b, o, n) == CaptureLines.Counted.COUNTED);
                long c2 = threads.getCurrentThreadCpuTime();
                WindowCounts slow = new WindowCounts(baseline);
                WindowCounts.Row row = slow.newRow();
                eachLine(bytes, (b, o, n) -> CaptureLines.countPrediction(b, o, n, "v1", start, to, slow, row)
                        == CaptureLines.Counted.COUNTED);
                long c3 = threads.getCurrentThreadCpuTime();
                if (fast.rows() != slow.rows()) {
                    throw new AssertionError("readers disagree on " + key + ": " + fast.rows() + " vs " + slow.rows());
                }
                read += (c1 - c0) / 1e9;
                scanner += (c2 - c1) / 1e9;
                jackson += (c3 - c2) / 1e9;
            }
        }
        System.out.printf(Locale.ROOT, "drift-check bench breakdown (one thread, CPU): store read %.2f s (%.0f ns/row); byte scanner"
                + " %.2f s (%.0f ns/row); Jackson streaming reader %.2f s (%.0f ns/row); Jackson/scanner %.2f%n", read, read * 1e9 / ROWS,
                scanner, scanner * 1e9 / ROWS, jackson, jackson * 1e9 / ROWS, jackson / scanner);
    }

    private static void eachLine(byte[] bytes, CaptureLog.LineReader reader) {
        int from = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i > from) {
                    reader.read(bytes, from, i - from);
                }
                from = i + 1;
            }
        }
    }

    /** The counting of the previous DriftCheck: the same files in parallel, each line through Jackson's streaming parser. */
    private static long jacksonStreaming(PipelineFixture f, Instant start) {
        Baseline baseline = new ModelPackages(f.store).readManifest("credit-risk", "v1").baseline();
        Instant to = f.clock.instant();
        WindowCounts counts = new WindowCounts(baseline);
        CaptureLog log = new CaptureLog(f.store);
        log.keys("credit-risk", start, to).parallelStream().forEach(key -> {
            WindowCounts file = new WindowCounts(baseline);
            WindowCounts.Row row = file.newRow();
            log.lines(key, (bytes, offset, length) -> CaptureLines.countPrediction(bytes, offset, length, "v1", start, to, file,
                    row) != CaptureLines.Counted.MALFORMED);
            synchronized (counts) {
                counts.merge(file);
            }
        });
        return counts.rows();
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
