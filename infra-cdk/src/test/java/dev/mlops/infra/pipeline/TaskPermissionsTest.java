package dev.mlops.infra.pipeline;

import dev.mlops.infra.InfraException;
import dev.mlops.infra.TestStacks;
import dev.mlops.infra.pipeline.TaskPermissions.Grant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskPermissionsTest {

    private static AslWorkflow fixture(String name) {
        return AslWorkflow.load(TestStacks.fixtureRepo().resolve("workflows").resolve(name + ".asl.json"));
    }

    @Test
    void derive_trainingPipeline_batchSyncLambdaTokenAndSns() {
        assertEquals(Set.of(
                // JobQueue.$ = $.jobQueue (a Choice picks the CPU or the GPU queue): every queue of the stack
                new Grant("batch:SubmitJob", TaskPermissions.ALL_JOB_QUEUES),
                // JobDefinition.$ = States.Format('${TrainingJobDefinitionPrefix}{}', $.model): the prefix's definitions
                new Grant("batch:SubmitJob", "${TrainingJobDefinitionPrefix}"),
                new Grant("batch:DescribeJobs", "*"),
                new Grant("batch:TerminateJob", "*"),
                new Grant("events:PutTargets", TaskPermissions.BATCH_RULE),
                new Grant("events:PutRule", TaskPermissions.BATCH_RULE),
                new Grant("events:DescribeRule", TaskPermissions.BATCH_RULE),
                new Grant("lambda:InvokeFunction", "${RegisterFunction}"),
                new Grant("lambda:InvokeFunction", "${EvaluateFunction}"),
                new Grant("lambda:InvokeFunction", "${RequestApprovalFunction}"),
                new Grant("lambda:InvokeFunction", "${RecordFailureFunction}"),
                new Grant("sns:Publish", "${NotificationTopic}")),
                TaskPermissions.derive(fixture("training-pipeline")));
    }

    @Test
    void derive_driftCheck_tasksInsideParallelBranches() {
        assertEquals(Set.of(
                new Grant("lambda:InvokeFunction", "${DriftCheckFunction}"),
                new Grant("states:StartExecution", "${TrainingPipelineArn}"),
                new Grant("sns:Publish", "${NotificationTopic}")),
                TaskPermissions.derive(fixture("drift-check")));
    }

    @Test
    void derive_distributedMap_startsItselfAndReadsAndWritesS3() {
        assertEquals(Set.of(
                new Grant("states:StartExecution", TaskPermissions.SELF),
                new Grant("states:DescribeExecution", TaskPermissions.SELF_EXECUTIONS),
                new Grant("states:StopExecution", TaskPermissions.SELF_EXECUTIONS),
                new Grant("s3:GetObject", TaskPermissions.BUCKET_OBJECTS),
                new Grant("s3:PutObject", TaskPermissions.BUCKET_OBJECTS),
                new Grant("s3:ListMultipartUploadParts", TaskPermissions.BUCKET_OBJECTS),
                new Grant("s3:AbortMultipartUpload", TaskPermissions.BUCKET_OBJECTS),
                new Grant("kms:Decrypt", TaskPermissions.BUCKET_KEY),
                new Grant("kms:GenerateDataKey", TaskPermissions.BUCKET_KEY),
                new Grant("lambda:InvokeFunction", "${PlanBatchFunction}"),
                new Grant("lambda:InvokeFunction", "${ScoreBatchFunction}")),
                TaskPermissions.derive(fixture("batch-inference")));
    }

    @Test
    void derive_startExecutionSync_watchesTheChildExecution() {
        assertEquals(Set.of(
                new Grant("states:StartExecution", "${BatchInferenceArn}"),
                new Grant("states:DescribeExecution", "@executions:${BatchInferenceArn}"),
                new Grant("states:StopExecution", "@executions:${BatchInferenceArn}"),
                new Grant("events:PutTargets", TaskPermissions.STATES_RULE),
                new Grant("events:PutRule", TaskPermissions.STATES_RULE),
                new Grant("events:DescribeRule", TaskPermissions.STATES_RULE)),
                TaskPermissions.derive(fixture("nightly")));
    }

    @Test
    void derive_unsupportedIntegration_namesStateAndIntegration(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.asl.json");
        Files.writeString(file, "{\"StartAt\":\"Put\",\"States\":{\"Put\":{\"Type\":\"Task\","
                + "\"Resource\":\"arn:aws:states:::dynamodb:putItem\",\"End\":true}}}");
        InfraException error = assertThrows(InfraException.class, () -> TaskPermissions.derive(AslWorkflow.load(file)));
        assertTrue(error.getMessage().contains("state Put uses integration 'dynamodb:putItem'"), error.getMessage());
    }

    @Test
    void placeholders_acceptedShapes_sameNames(@TempDir Path dir) throws Exception {
        Path array = Files.writeString(dir.resolve("a.json"), "[\"A\", \"B\"]");
        Path objects = Files.writeString(dir.resolve("b.json"), "{\"placeholders\": [{\"name\": \"A\"}, {\"name\": \"B\"}]}");
        Path keyed = Files.writeString(dir.resolve("c.json"), "{\"A\": {\"local\": \"x\"}, \"B\": {}}");
        assertEquals(Map.of("A", "", "B", ""), Placeholders.load(array));
        assertEquals(Map.of("A", "", "B", ""), Placeholders.load(objects));
        assertEquals(Map.of("A", "", "B", ""), Placeholders.load(keyed));
        Path kinds = Files.writeString(dir.resolve("d.json"), "[{\"name\": \"A\", \"kind\": \"lambda\"}]");
        assertEquals(Map.of("A", "lambda"), Placeholders.load(kinds));
    }
}
