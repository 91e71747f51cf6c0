package dev.mlops.infra.pipeline;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The repository's own workflows/ (once the workflows land on this branch): every Task integration is one the
 * stack can grant, and every placeholder is declared in placeholders.json. No synth: the full check is cdk synth.
 */
class RepositoryWorkflowsTest {

    private static final Path WORKFLOWS = Path.of("..", "workflows");

    @Test
    void repositoryWorkflows_tasksGrantableAndPlaceholdersDeclared() throws Exception {
        assumeTrue(Files.exists(WORKFLOWS.resolve("placeholders.json")), "workflows/placeholders.json not on this branch yet");
        Map<String, String> declared = Placeholders.load(WORKFLOWS.resolve("placeholders.json"));
        List<AslWorkflow> workflows = AslWorkflow.loadAll(WORKFLOWS);
        for (AslWorkflow workflow : workflows) {
            assertFalse(TaskPermissions.derive(workflow).isEmpty(), workflow.name());
            assertTrue(declared.keySet().containsAll(workflow.placeholders()),
                    workflow.name() + " uses " + workflow.placeholders() + ", declared " + declared.keySet());
        }
    }
}
