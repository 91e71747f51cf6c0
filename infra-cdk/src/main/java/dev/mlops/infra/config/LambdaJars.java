package dev.mlops.infra.config;

import dev.mlops.infra.InfraException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The three Lambda deployment jars the stack uploads as assets. {@link #locate} fails the synth when one is missing,
 * naming the jar and the command that builds it (Code.fromAsset would otherwise fail later with a bare path).
 *
 * @param inference the inference function's jar
 * @param control   the control function's jar
 * @param pipeline  the pipeline task handlers' jar
 */
public record LambdaJars(Path inference, Path control, Path pipeline) {

    /** The jar of the inference function, relative to the repository root. */
    public static final String INFERENCE = "functions/inference/target/mlops-inference-0.1.0-SNAPSHOT-lambda.jar";
    /** The jar of the control function, relative to the repository root. */
    public static final String CONTROL = "functions/control/target/mlops-control-0.1.0-SNAPSHOT-lambda.jar";
    /** The jar of the pipeline handlers, relative to the repository root. */
    public static final String PIPELINE = "functions/pipeline/target/mlops-pipeline-0.1.0-SNAPSHOT-lambda.jar";

    /**
     * The jars under {@code repoRoot}.
     *
     * @throws InfraException naming each missing jar and the Maven command that builds it
     */
    public static LambdaJars locate(Path repoRoot) {
        List<String> missing = new ArrayList<>();
        Path inference = require(repoRoot, INFERENCE, "functions/inference", missing);
        Path control = require(repoRoot, CONTROL, "functions/control", missing);
        Path pipeline = require(repoRoot, PIPELINE, "functions/pipeline", missing);
        if (!missing.isEmpty()) {
            throw new InfraException("the stack needs the built Lambda jars; missing:\n  " + String.join("\n  ", missing)
                    + "\nbuild them all from the repository root with: mvn -B package -DskipTests");
        }
        return new LambdaJars(inference, control, pipeline);
    }

    private static Path require(Path root, String jar, String module, List<String> missing) {
        Path path = root.resolve(jar).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            missing.add(path + " (build it with: mvn -B package -DskipTests -pl " + module + " -am)");
        }
        return path;
    }
}
