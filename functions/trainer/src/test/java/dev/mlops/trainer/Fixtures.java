package dev.mlops.trainer;

import dev.mlops.model.Algorithm;
import dev.mlops.model.ModelConfig;
import dev.mlops.model.TrainerSpec;
import dev.mlops.trainer.data.CreditRiskGenerator;
import dev.mlops.trainer.data.CsvDataset;
import dev.mlops.trainer.data.DriftKnobs;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

/** Shared test data: the real credit-risk config and generated CSVs. */
public final class Fixtures {

    /** The repository's own model.json (tests run in the module directory). */
    public static final Path CREDIT_RISK_CONFIG = Path.of("../../models/credit-risk/model.json");

    private Fixtures() {
    }

    public static ModelConfig creditRisk() {
        return ModelConfig.load(CREDIT_RISK_CONFIG);
    }

    /** The credit-risk config trained with {@code algorithm} (same other parameters). */
    public static ModelConfig creditRisk(Algorithm algorithm) {
        ModelConfig c = creditRisk();
        TrainerSpec t = c.trainer();
        return new ModelConfig(c.name(), c.description(), c.label(), c.features(),
                new TrainerSpec(algorithm, t.epochs(), t.learningRate(), t.minibatchSize(), t.members(), t.holdoutFraction(),
                        algorithm == Algorithm.EXTERNAL ? "example.org/byo-trainer:1" : null, t.gpus()),
                c.evaluation(), c.canary(), c.drift(), c.capture());
    }

    public static byte[] csv(long seed, int rows, DriftKnobs knobs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CreditRiskGenerator(seed, knobs).writeCsv(rows, out);
        return out.toByteArray();
    }

    public static TrainingInput input(ModelConfig config, byte[] csv, long seed) {
        return new TrainingInput(config, CsvDataset.read(csv, config, "mem:train.csv"), "mem:train.csv", seed, "alice",
                "test-revision", "local");
    }
}
