package dev.mlops.local.cli;

import dev.mlops.local.LocalEnvironment;
import dev.mlops.local.OnnxSignature;
import dev.mlops.model.ModelConfig;
import dev.mlops.model.FeatureSpec;
import dev.mlops.packaging.PackageContract;
import dev.mlops.packaging.PackageManifest;
import dev.mlops.registry.VersionRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code mlops models import}: register a model trained elsewhere, after checking it against its contract. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Register an ONNX model trained elsewhere: its contract (input, output, metrics, baseline, lineage)"
                + " is checked against the graph's inputs and outputs and against the model config before anything is written.")
final class ImportCommand implements Runnable {

    @ParentCommand
    ModelsCommand models;

    @Option(names = "--model", required = true)
    String model;

    @Option(names = "--onnx", required = true, description = "The model.onnx file.")
    Path onnx;

    @Option(names = "--contract", required = true, description = "JSON with input, output, metrics, baseline, lineage"
            + " and optional coefficients, keyed as in package.json.")
    Path contract;

    @Override
    public void run() {
        LocalEnvironment env = models.root.environment();
        ModelConfig config = env.config(model);
        byte[] onnxBytes = read(onnx);
        PackageContract parsed = PackageContract.parse(read(contract), contract.toString());
        checkFeaturesMatchConfig(parsed, config);
        OnnxSignature.check(onnxBytes, parsed);

        String actor = models.root.actor();
        String version = env.claims().allocate(model, actor);
        PackageManifest manifest = parsed.toManifest(model, version, env.clock().instant(), onnxBytes);
        env.packages().write(manifest, onnxBytes, config);
        VersionRecord record = env.registry().register(model, version, actor);
        models.spec.commandLine().getOut().printf("imported %s/%s (%s): package %s%n", model, version, record.status(),
                env.describe(record.packagePrefix()));
    }

    private static void checkFeaturesMatchConfig(PackageContract contract, ModelConfig config) {
        var contractFeatures = contract.input().features().stream().map(FeatureSpec::name).sorted().toList();
        var configFeatures = config.featureNames().stream().sorted().toList();
        if (!contractFeatures.equals(configFeatures)) {
            throw new IllegalArgumentException("the contract's features " + contractFeatures + " differ from model '"
                    + config.name() + "' features " + configFeatures);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e, e);
        }
    }
}
