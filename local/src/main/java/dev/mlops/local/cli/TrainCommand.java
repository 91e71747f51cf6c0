package dev.mlops.local.cli;

import dev.mlops.Digests;
import dev.mlops.local.LocalEnvironment;
import dev.mlops.metrics.BinaryMetrics;
import dev.mlops.model.ModelConfig;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.registry.VersionRecord;
import dev.mlops.trainer.StoreLocator;
import dev.mlops.trainer.TrainingJob;
import dev.mlops.trainer.TrainingRequest;
import dev.mlops.trainer.TrainingResult;
import dev.mlops.trainer.data.CreditRiskGenerator;
import dev.mlops.trainer.data.DriftKnobs;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code mlops train}: the same training job AWS Batch runs, in this JVM, followed by the registration the
 * pipeline's Register step does. The data set is copied into the artifact store first, so the lineage of the
 * version points at bytes that stay where they were.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model version, write its package and register it. Without --data, a seeded synthetic"
                + " data set is generated (credit-risk only).")
final class TrainCommand implements Runnable {

    @ParentCommand
    MlopsCli root;

    @Option(names = "--model", required = true, description = "Model name; its config is models/<model>/model.json.")
    String model;

    @ArgGroup(exclusive = true)
    DataSource source = new DataSource();

    static final class DataSource {
        @Option(names = "--data", description = "A CSV file whose header holds the model's features and label.")
        Path data;

        @Option(names = "--rows", description = "Rows of synthetic data to generate (default ${DEFAULT-VALUE}).", defaultValue = "20000")
        int rows = 20000;
    }

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the data generator, the split and SGD (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        LocalEnvironment env = root.environment();
        PrintWriter out = root.spec.commandLine().getOut();
        PrintWriter err = root.spec.commandLine().getErr();
        long started = System.nanoTime();

        ModelConfig config = env.config(model);
        String configUri = env.configFile(model).map(Path::toString).orElse(env.describe(ModelVersions.configKey(model)));
        String datasetUri = stageDataset(env, config, err);

        TrainingJob job = new TrainingJob(env.store(), StoreLocator.artifactStores(), env.clock(),
                TrainingJob.imageFromEnvironment(), line -> progress(err, line));
        String revision = root.env().getOrDefault("MLOPS_CODE_REVISION", "unknown");
        TrainingResult result = job.run(new TrainingRequest(datasetUri, configUri, seed, root.actor(), revision));
        VersionRecord record = env.registry().register(result.model(), result.version(), root.actor());

        BinaryMetrics m = result.metrics();
        out.printf(Locale.ROOT, "trained %s/%s in %.1f s (%s, seed %d)%n", result.model(), result.version(),
                (System.nanoTime() - started) / 1e9, config.trainer().algorithm().name().toLowerCase(Locale.ROOT).replace('_', '-'), seed);
        out.printf(Locale.ROOT, "  holdout   AUC %.4f  accuracy %.4f  log-loss %.4f  calibration error %.4f  (%d rows, %.1f%% positive)%n",
                m.auc(), m.accuracy(), m.logLoss(), m.calibrationError(), m.rows(), 100 * m.positiveRate());
        out.printf("  package   %s%n", env.describe(result.packagePrefix()));
        out.printf("  dataset   %s%n", datasetUri);
        out.printf("  status    %s (next: the training pipeline gates and asks for approval)%n", record.status());
    }

    private String stageDataset(LocalEnvironment env, ModelConfig config, PrintWriter err) {
        byte[] csv;
        String name;
        if (source.data != null) {
            csv = readCsv(source.data);
            name = Digests.sha256(csv).substring(0, 12) + "-" + source.data.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        } else {
            requireGeneratorFits(config);
            if (source.rows < 100) {
                throw new IllegalArgumentException("--rows must be at least 100, got " + source.rows);
            }
            progress(err, "generating " + source.rows + " synthetic rows (seed " + seed + ")");
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            new CreditRiskGenerator(seed, DriftKnobs.none()).writeCsv(source.rows, buffer);
            csv = buffer.toByteArray();
            name = "synthetic-seed" + seed + "-rows" + source.rows + ".csv";
        }
        String key = "datasets/" + config.name() + "/" + name;
        env.store().put(key, csv);
        return env.describe(key);
    }

    private static void requireGeneratorFits(ModelConfig config) {
        Set<String> columns = new HashSet<>(config.featureNames());
        columns.add(config.label().name());
        Set<String> generated = new HashSet<>(CreditRiskGenerator.COLUMNS);
        if (!columns.equals(generated)) {
            throw new IllegalArgumentException("the synthetic generator makes credit-risk columns " + generated
                    + ", but model '" + config.name() + "' needs " + columns + ": pass --data FILE.csv");
        }
    }

    private static byte[] readCsv(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --data " + file + ": " + e, e);
        }
    }

    private static void progress(PrintWriter err, String line) {
        err.println("mlops: " + line);
        err.flush();
    }
}
