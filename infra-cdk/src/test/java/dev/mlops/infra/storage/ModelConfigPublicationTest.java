package dev.mlops.infra.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.infra.TemplateFacts;
import dev.mlops.infra.TestStacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model configs reach models/{name}/model.json in the bucket at deploy, and nothing else there is touched. */
class ModelConfigPublicationTest {

    private static Template template;
    private static JsonNode deployment;

    @BeforeAll
    static void synth() {
        template = TestStacks.main().template();
        Map<String, JsonNode> deployments = TemplateFacts.resources(template, "Custom::CDKBucketDeployment");
        assertEquals(1, deployments.size(), deployments.keySet().toString());
        deployment = deployments.values().iterator().next().path("Properties");
    }

    @Test
    void deployment_intoTheArtifactBucketUnderModels() {
        String bucket = TemplateFacts.logicalId(TestStacks.main().stack().getStorage().getBucket());
        assertEquals(bucket, deployment.path("DestinationBucketName").path("Ref").asText());
        assertEquals(ModelConfigPublication.PREFIX, deployment.path("DestinationBucketKeyPrefix").asText());
    }

    @Test
    void deployment_neverPrunes_trainedPackagesShareThePrefix() {
        assertEquals(false, deployment.path("Prune").asBoolean(true));
    }

    @Test
    void deployment_retainsPublishedConfigsOnDelete() {
        assertTrue(deployment.path("RetainOnDelete").asBoolean(), deployment.toString());
    }

    @Test
    void deployment_jsonContentType() {
        assertEquals("application/json", deployment.path("SystemMetadata").path("content-type").asText());
    }

    @Test
    void sources_oneFilePerModel_theRepositoryBytes() throws IOException {
        Path models = TestStacks.fixtureRepo().resolve("models");
        Path outdir = Path.of(Stage.of(TestStacks.main().stack()).getAssetOutdir());
        Set<String> published = new TreeSet<>();
        for (JsonNode key : deployment.path("SourceObjectKeys")) {
            // the CLI zips each staged asset folder into <hash>.zip when it publishes
            Path staged = outdir.resolve("asset." + key.asText().replace(".zip", ""));
            try (Stream<Path> files = Files.walk(staged)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = staged.relativize(file).toString();
                    published.add(name);
                    assertEquals(Files.readString(models.resolve(name)), Files.readString(file), name);
                }
            }
        }
        assertEquals(new TreeSet<>(List.of("credit-risk/model.json", "vision-gpu/model.json")), published);
    }
}
