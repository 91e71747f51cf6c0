package dev.mlops.trainer.bench;

import dev.mlops.model.Algorithm;
import dev.mlops.model.ModelConfig;
import dev.mlops.model.TrainerSpec;
import dev.mlops.trainer.TrainedModel;
import dev.mlops.trainer.Trainer;
import dev.mlops.trainer.TrainingInput;
import dev.mlops.trainer.data.CreditRiskGenerator;
import dev.mlops.trainer.data.CsvDataset;
import dev.mlops.trainer.data.DriftKnobs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Measures, for each row count and algorithm: CSV generation time, CSV read time, training throughput (dataset rows
 * per second of {@link Trainer#train}, which includes the split, encoding, SGD, export and the ONNX self-check),
 * peak heap (sum of the heap pools' peak usage, reset before each phase) and ONNX size. Prints a markdown table.
 *
 * <p>Usage: {@code TrainingBenchmark [model.json] [rows ...]}; defaults {@code models/credit-risk/model.json},
 * 100000 and 1000000.
 */
public final class TrainingBenchmark {

    /**
     * Tribuo logs every SGD run at INFO through java.util.logging; held here because JUL keeps loggers weakly and
     * would forget the level.
     */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    private TrainingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        TRIBUO_LOG.setLevel(Level.WARNING);
        ModelConfig base = ModelConfig.load(Path.of(args.length > 0 ? args[0] : "models/credit-risk/model.json"));
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100_000, 1_000_000);
        }
        System.out.printf("JVM %s, %d cores, max heap %d MiB%n%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("| rows | algorithm | generate s | CSV MiB | read s | read peak heap MiB | train s | train rows/s | train peak heap MiB | ONNX bytes | holdout AUC |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int rows : sizes) {
            Path csv = Files.createTempFile("bench-" + rows + "-", ".csv");
            try {
                long t0 = System.nanoTime();
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 16)) {
                    new CreditRiskGenerator(1, DriftKnobs.none()).writeCsv(rows, out);
                }
                double generate = seconds(t0);
                for (Algorithm algorithm : List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.WEIGHTED_ENSEMBLE)) {
                    ModelConfig config = with(base, algorithm);
                    System.gc();
                    resetPeaks();
                    long t1 = System.nanoTime();
                    CsvDataset data;
                    try (InputStream in = Files.newInputStream(csv)) {
                        data = CsvDataset.read(in, config, csv.toString());
                    }
                    double read = seconds(t1);
                    long readPeak = peakHeap();
                    System.gc();
                    resetPeaks();
                    long t2 = System.nanoTime();
                    TrainedModel model = new Trainer().train(new TrainingInput(config, data, csv.toUri().toString(), 1,
                            "benchmark", "benchmark", "local"));
                    double train = seconds(t2);
                    System.out.printf("| %,d | %s | %.2f | %.1f | %.2f | %d | %.1f | %,.0f | %d | %,d | %.4f |%n", rows,
                            algorithm.name().toLowerCase().replace('_', '-'), generate, Files.size(csv) / 1048576.0, read,
                            readPeak >> 20, train, rows / train, peakHeap() >> 20, model.onnx().length, model.metrics().auc());
                }
            } finally {
                Files.deleteIfExists(csv);
            }
        }
    }

    private static ModelConfig with(ModelConfig c, Algorithm algorithm) {
        TrainerSpec t = c.trainer();
        return new ModelConfig(c.name(), c.description(), c.label(), c.features(), new TrainerSpec(algorithm, t.epochs(),
                t.learningRate(), t.minibatchSize(), t.members(), t.holdoutFraction(), null, t.gpus()),
                c.evaluation(), c.canary(), c.drift(), c.capture());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the peak heap, as pools peak at different moments. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
