package dev.mlops.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app under non-default context parameters: one more synth, every override at once. */
class MlopsAppTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestStacks.synth(Map.of(
                "inferenceMemoryMb", "3008",
                "jwtIssuer", "https://login.example.com/",
                "jwtAudience", "mlops-api",
                "privateSubnets", "true",
                "trainerImageDigest", DIGEST)).template();
    }

    @Test
    void memoryParameter_setsTheInferenceMemory() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Runtime", "java21", "MemorySize", 3008,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
    }

    @Test
    void externalIssuer_noUserPoolAndTheGivenIssuer() {
        template.resourceCountIs("AWS::Cognito::UserPool", 0);
        template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Map.of("JwtConfiguration", Map.of(
                "Issuer", "https://login.example.com/", "Audience", List.of("mlops-api"))));
    }

    @Test
    void privateSubnets_oneNatGateway() {
        template.resourceCountIs("AWS::EC2::NatGateway", 1);
    }

    @Test
    void digestContext_pinsTheTrainerImageWithoutParameter() {
        template.hasResourceProperties("AWS::Batch::JobDefinition", Map.of("ContainerProperties", Match.objectLike(Map.of(
                "Image", Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of(
                        Match.stringLikeRegexp(".*/mlops-trainer@" + DIGEST))))))))));
        assertTrue(template.findParameters("*", Map.of("AllowedPattern", "sha256:[0-9a-f]{64}")).isEmpty());
    }

    @Test
    void missingJars_failNamingTheJarAndTheBuild(@TempDir Path root) throws Exception {
        copyTree(TestStacks.fixtureRepo().resolve("models"), root.resolve("models"));
        copyTree(TestStacks.fixtureRepo().resolve("workflows"), root.resolve("workflows"));
        App app = new App(AppProps.builder().context(Map.of("repoRoot", root.toString())).build());
        InfraException error = assertThrows(InfraException.class, () -> MlopsApp.build(app));
        assertTrue(error.getMessage().contains("functions/pipeline/target/mlops-pipeline-0.1.0-SNAPSHOT-lambda.jar"
                + " (build it with: mvn -B package -DskipTests -pl functions/pipeline -am)"), error.getMessage());
    }

    @Test
    void undeclaredPlaceholder_failsNamingFileAndPlaceholder(@TempDir Path root) throws Exception {
        copyTree(TestStacks.fixtureRepo(), root);
        Path drift = root.resolve("workflows/drift-check.asl.json");
        Files.writeString(drift, Files.readString(drift).replace("${DriftCheckFunction}", "${DriftCheckFunctionArn}"));
        App app = new App(AppProps.builder().context(Map.of("repoRoot", root.toString())).build());
        InfraException error = assertThrows(InfraException.class, () -> MlopsApp.build(app));
        assertTrue(error.getMessage().contains(
                "drift-check.asl.json uses ${DriftCheckFunctionArn}, which placeholders.json does not list"), error.getMessage());
    }

    private static void copyTree(Path source, Path target) throws Exception {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    @Test
    void badContext_failsBeforeAnyConstruct() {
        App app = new App(AppProps.builder().context(Map.of("repoRoot", TestStacks.fixtureRepo().toString(),
                "inferenceMemoryMb", "huge")).build());
        InfraException error = assertThrows(InfraException.class, () -> MlopsApp.build(app));
        assertTrue(error.getMessage().contains("inferenceMemoryMb"), error.getMessage());
    }
}
