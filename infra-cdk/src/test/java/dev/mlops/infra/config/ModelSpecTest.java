package dev.mlops.infra.config;

import dev.mlops.infra.InfraException;
import dev.mlops.infra.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelSpecTest {

    @Test
    void loadAll_fixtureModels_readsTrainerScheduleAndRetention() {
        List<ModelSpec> models = ModelSpec.loadAll(TestStacks.fixtureRepo().resolve("models"));
        ModelSpec credit = models.get(0);
        ModelSpec vision = models.get(1);
        assertEquals("credit-risk", credit.name());
        assertEquals(Optional.empty(), credit.trainerImage());
        assertEquals(0, credit.gpus());
        assertEquals("rate(1 day)", credit.driftSchedule());
        assertEquals(30, credit.captureRetentionDays());
        assertEquals("vision-gpu", vision.name());
        assertEquals(1, vision.gpus());
        assertEquals("cron(0 6 * * ? *)", vision.driftSchedule());
        assertEquals(7, vision.captureRetentionDays());
    }

    @Test
    void loadAll_repositoryModels_load() {
        // the real models/ of the repository, as cdk synth reads them
        Path models = Path.of("..", "models");
        assertTrue(ModelSpec.loadAll(models).stream().anyMatch(m -> m.name().equals("credit-risk")));
    }

    @Test
    void load_imageByTag_rejected(@TempDir Path dir) throws Exception {
        Path file = write(dir, "byo", "{\"name\":\"byo\",\"trainer\":{\"image\":\"repo/trainer:latest\",\"gpus\":1}}");
        InfraException error = assertThrows(InfraException.class, () -> ModelSpec.load(file));
        assertTrue(error.getMessage().contains("must be pinned by digest"), error.getMessage());
    }

    @Test
    void load_gpusWithoutImage_rejected(@TempDir Path dir) throws Exception {
        Path file = write(dir, "gpu", "{\"name\":\"gpu\",\"trainer\":{\"gpus\":2}}");
        InfraException error = assertThrows(InfraException.class, () -> ModelSpec.load(file));
        assertTrue(error.getMessage().contains("trainer.gpus is 2 but trainer.image is missing"), error.getMessage());
    }

    @Test
    void load_badSchedule_rejected(@TempDir Path dir) throws Exception {
        Path file = write(dir, "m", "{\"name\":\"m\",\"drift\":{\"schedule\":\"daily\"}}");
        InfraException error = assertThrows(InfraException.class, () -> ModelSpec.load(file));
        assertTrue(error.getMessage().contains("drift.schedule 'daily' is not an EventBridge Scheduler expression"));
    }

    private static Path write(Path dir, String name, String json) throws Exception {
        Path file = dir.resolve(name).resolve("model.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return file;
    }
}
