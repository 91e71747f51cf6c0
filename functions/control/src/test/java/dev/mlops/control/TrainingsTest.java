package dev.mlops.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.Json;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.registry.ControlTestPackages;
import dev.mlops.roles.Identity;
import dev.mlops.roles.Role;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.fs.FileSystemArtifactStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingsTest {

    @TempDir
    Path root;

    @Test
    void executionNames_fitStepFunctionsLimit_andS3DatasetsAreTakenAsGiven() {
        ArtifactStore store = new FileSystemArtifactStore(root);
        String model = "m" + "x".repeat(62);
        ControlTestPackages.publishConfig(store, model);
        FakeExecutions engine = new FakeExecutions();
        Trainings trainings = new Trainings(store, engine, Clock.fixed(Instant.parse("2026-11-27T09:30:00Z"), ZoneOffset.UTC),
                new SplittableRandom(7));

        TrainingStart start = trainings.start(model, new TrainingRequest("s3://other-bucket/data.csv", 5L, null),
                new Identity("system:drift", Set.of(Role.DATA_SCIENTIST)));

        assertTrue(start.name().length() <= 80, start.name());
        assertTrue(start.name().matches("train-mx+-20261127T093000-[0-9a-f]{4}"), start.name());
        var input = Json.tree(engine.input(start.executionArn()).getBytes(StandardCharsets.UTF_8), "input");
        assertEquals("system:drift", input.get("initiator").asText());
        assertEquals("s3://other-bucket/data.csv", input.get("dataset").asText());
        assertEquals(5, input.get("seed").asLong());
        assertEquals(0, input.get("gpus").asInt(), "a config without trainer.gpus trains on the CPU queue");
    }

    @Test
    void start_gpuTrainer_sendsTheConfigsGpus() {
        ArtifactStore store = new FileSystemArtifactStore(root);
        ControlTestPackages.publishConfig(store, "vision");
        String key = ModelVersions.configKey("vision");
        ObjectNode config = (ObjectNode) Json.tree(store.get(key).orElseThrow().bytes(), key);
        ((ObjectNode) config.get("trainer")).put("algorithm", "external")
                .put("image", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/vision@sha256:" + "ab".repeat(32))
                .put("gpus", 2);
        store.put(key, Json.write(config));
        FakeExecutions engine = new FakeExecutions();
        Trainings trainings = new Trainings(store, engine, Clock.fixed(Instant.parse("2026-11-27T09:30:00Z"), ZoneOffset.UTC),
                new SplittableRandom(7));

        TrainingStart start = trainings.start("vision", new TrainingRequest("s3://data/vision.csv", 1L, null),
                new Identity("ds-alice", Set.of(Role.DATA_SCIENTIST)));

        var input = Json.tree(engine.input(start.executionArn()).getBytes(StandardCharsets.UTF_8), "input");
        assertEquals(2, input.get("gpus").asInt());
    }
}
