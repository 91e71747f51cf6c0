package dev.mlops.infra;

import dev.mlops.infra.config.Edition;
import dev.mlops.infra.config.LambdaJars;
import dev.mlops.infra.config.ModelSpec;
import dev.mlops.infra.config.Settings;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

import java.nio.file.Path;

/**
 * The CDK app: reads context parameters, model configs, workflow files and the built jars, then composes the two
 * stacks. Env-agnostic (no account or region), so {@code cdk synth} runs offline. Only wiring lives here.
 */
public final class MlopsApp {

    /** The id of the stack that holds the trainer's ECR repository (deployed first). */
    public static final String IMAGES_STACK = "MlopsImages";
    /** The id of the main stack. */
    public static final String MAIN_STACK = "Mlops";

    private MlopsApp() {
    }

    /** Synthesises into {@code CDK_OUTDIR} (set by the CDK CLI), or {@code cdk.out} when run directly. */
    public static void main(String[] args) {
        String outdir = System.getenv().getOrDefault("CDK_OUTDIR", "cdk.out");
        App app = new App(AppProps.builder().outdir(outdir).build());
        try {
            build(app);
        } catch (InfraException e) {
            // a configuration problem, not a bug: the message says what to fix, a stack trace would bury it
            System.err.println("synth failed: " + e.getMessage());
            System.exit(1);
        }
        app.synth();
    }

    /**
     * Adds both stacks and the cdk-nag checks to {@code app}; the repository root is the context parameter
     * {@code repoRoot} (default {@code ..}, the parent of infra-cdk/ where the CLI runs).
     */
    public static MlopsStack build(App app) {
        Settings settings = Settings.from(app.getNode()::tryGetContext);
        Object root = app.getNode().tryGetContext("repoRoot");
        Path repoRoot = Path.of(root == null ? ".." : root.toString()).toAbsolutePath().normalize();
        MlopsStack.Inputs inputs = new MlopsStack.Inputs(settings, ModelSpec.loadAll(repoRoot.resolve("models")),
                LambdaJars.locate(repoRoot), repoRoot.resolve("workflows"), repoRoot.resolve("models"));
        // edition=community (LocalStack without ECR): no images stack; the name is unused there (no Training)
        ImagesStack images = Edition.of(app).hasBatch() ? new ImagesStack(app, IMAGES_STACK, StackProps.builder()
                .description("Serverless MLOps for Java: container images of the training jobs").build()) : null;
        MlopsStack main = new MlopsStack(app, MAIN_STACK, StackProps.builder()
                .description("Serverless MLOps for Java: storage, serving, capture, training, pipeline, monitoring").build(),
                inputs, images == null ? "mlops-trainer" : images.getTrainerRepositoryName());
        if (images != null) {
            main.addStackDependency(images);
        }
        Aspects.of(app).add(new AwsSolutionsChecks());
        return main;
    }
}
