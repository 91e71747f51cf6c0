package dev.mlops.infra.config;

import dev.mlops.infra.InfraException;
import dev.mlops.infra.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LambdaJarsTest {

    @Test
    void locate_missingJar_namesTheJarAndTheBuildCommand(@TempDir Path root) throws Exception {
        TestStacks.writeStandInJar(root.resolve(LambdaJars.INFERENCE));
        TestStacks.writeStandInJar(root.resolve(LambdaJars.CONTROL));
        InfraException error = assertThrows(InfraException.class, () -> LambdaJars.locate(root));
        String message = error.getMessage();
        assertTrue(message.contains(root.resolve(LambdaJars.PIPELINE).toString()), message);
        assertTrue(message.contains("mvn -B package -DskipTests -pl functions/pipeline -am"), message);
        assertFalse(message.contains("mlops-inference-0.1.0-SNAPSHOT-lambda.jar"), message);
    }

    @Test
    void locate_allJarsPresent_resolvesUnderRoot(@TempDir Path root) throws Exception {
        for (String jar : new String[] {LambdaJars.INFERENCE, LambdaJars.CONTROL, LambdaJars.PIPELINE}) {
            TestStacks.writeStandInJar(root.resolve(jar));
        }
        assertEquals(root.resolve(LambdaJars.PIPELINE).toAbsolutePath(), LambdaJars.locate(root).pipeline());
    }
}
