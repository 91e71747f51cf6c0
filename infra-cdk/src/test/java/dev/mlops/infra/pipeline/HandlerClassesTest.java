package dev.mlops.infra.pipeline;

import dev.mlops.infra.InfraException;
import dev.mlops.infra.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandlerClassesTest {

    @Test
    void inJar_handlerEntries_tasksWithoutBaseClassOrInnerClasses(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("pipeline.jar");
        TestStacks.writeStandInJar(jar, "dev/mlops/pipeline/handlers/TaskHandler.class",
                "dev/mlops/pipeline/handlers/RegisterHandler.class", "dev/mlops/pipeline/handlers/RegisterHandler$1.class",
                "dev/mlops/pipeline/handlers/DriftCheckHandler.class", "dev/mlops/pipeline/handlers/RegisterTask.class",
                "dev/mlops/pipeline/handlers/impl/OtherHandler.class");
        assertEquals(List.of("DriftCheck", "Register"), HandlerClasses.inJar(jar));
    }

    @Test
    void inJar_noHandlers_namesTheJarAndTheBuild(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("pipeline.jar");
        TestStacks.writeStandInJar(jar);
        InfraException error = assertThrows(InfraException.class, () -> HandlerClasses.inJar(jar));
        assertTrue(error.getMessage().contains("no task handlers in " + jar), error.getMessage());
        assertTrue(error.getMessage().contains("-pl functions/pipeline -am"), error.getMessage());
    }
}
