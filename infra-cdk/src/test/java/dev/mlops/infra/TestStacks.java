package dev.mlops.infra;

import dev.mlops.infra.config.LambdaJars;
import dev.mlops.infra.pipeline.HandlerClasses;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Synthesised stacks for the tests, built from the fixture repository (src/test/resources/dev/mlops/infra/repo:
 * two models, one on the GPU queue, and four ASL files) with stand-in Lambda jars. jsii starts once per JVM and
 * each distinct context is synthesised once, whatever the number of test classes that read it.
 */
public final class TestStacks {

    /**
     * One synthesised app.
     *
     * @param stack    the main stack
     * @param template its template
     */
    public record Synth(MlopsStack stack, Template template) {
    }

    /**
     * The tasks of docs/workflow-contracts.md and the scheduled KpiReport, one handler class each in the stand-in
     * pipeline jar.
     */
    public static final List<String> CONTRACT_TASKS = List.of("Register", "Evaluate", "RequestApproval",
            "ExpireApproval", "DeployCanary", "AnalyzeCanary", "Promote", "Rollback", "RecordFailure", "DriftCheck",
            "PlanBatch", "ScoreBatch", "KpiReport");

    private static final Map<Map<String, Object>, Synth> SYNTHS = new HashMap<>();
    private static Path repo;

    private TestStacks() {
    }

    /** The app with default context. */
    public static Synth main() {
        return synth(Map.of());
    }

    /** The app with {@code context} (plus repoRoot), synthesised on first use. */
    public static synchronized Synth synth(Map<String, Object> context) {
        return SYNTHS.computeIfAbsent(Map.copyOf(context), c -> {
            Map<String, Object> all = new HashMap<>(c);
            all.put("repoRoot", fixtureRepo().toString());
            App app = new App(AppProps.builder().outdir(tempDir("cdk-out").toString()).context(all).build());
            MlopsStack stack = MlopsApp.build(app);
            return new Synth(stack, Template.fromStack(stack));
        });
    }

    /** A copy of the fixture repository with stand-in jars at the three jar paths. */
    public static synchronized Path fixtureRepo() {
        if (repo == null) {
            Path source;
            try {
                source = Path.of(TestStacks.class.getResource("/dev/mlops/infra/repo").toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            Path target = tempDir("repo");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
                writeStandInJar(target.resolve(LambdaJars.INFERENCE));
                writeStandInJar(target.resolve(LambdaJars.CONTROL));
                List<String> handlers = new ArrayList<>(List.of(HandlerClasses.BASE + ".class", "RegisterHandler$1.class"));
                CONTRACT_TASKS.forEach(task -> handlers.add(task + "Handler.class"));
                writeStandInJar(target.resolve(LambdaJars.PIPELINE),
                        handlers.stream().map(h -> "dev/mlops/pipeline/handlers/" + h).toArray(String[]::new));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            repo = target;
        }
        return repo;
    }

    /**
     * A small valid jar with empty {@code entries}: the asset hash and upload need a file, not the real function;
     * the pipeline jar's entry names say which handlers exist.
     */
    public static void writeStandInJar(Path jar, String... entries) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("stand-in.txt"));
            zip.write(("stand-in for " + jar.getFileName()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.closeEntry();
            }
        }
    }

    private static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory("mlops-infra-" + prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
