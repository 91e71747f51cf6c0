package dev.mlops.infra.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.infra.TemplateFacts;
import dev.mlops.infra.TestStacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineTest {

    /** What CDK adds to every state machine role: vended log delivery and X-Ray. */
    private static final Set<String> LOGGING_AND_TRACING = Set.of(
            "logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups",
            "logs:DescribeResourcePolicies", "logs:GetLogDelivery", "logs:ListLogDeliveries",
            "logs:PutResourcePolicy", "logs:UpdateLogDelivery",
            "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments");

    /** Each fixture's Task-derived actions, written out by hand from the ASL files. */
    private static final Map<String, Set<String>> TASK_ACTIONS = Map.of(
            "training-pipeline", Set.of("batch:SubmitJob", "batch:DescribeJobs", "batch:TerminateJob",
                    "events:PutTargets", "events:PutRule", "events:DescribeRule", "lambda:InvokeFunction", "sns:Publish"),
            "drift-check", Set.of("lambda:InvokeFunction", "states:StartExecution", "sns:Publish"),
            "batch-inference", Set.of("states:StartExecution", "states:DescribeExecution", "states:StopExecution",
                    "s3:GetObject", "s3:PutObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload",
                    "kms:Decrypt", "kms:GenerateDataKey", "lambda:InvokeFunction"),
            "nightly", Set.of("states:StartExecution", "states:DescribeExecution", "states:StopExecution",
                    "events:PutTargets", "events:PutRule", "events:DescribeRule"));

    private static Template template;
    private static Pipeline pipeline;

    @BeforeAll
    static void synth() {
        template = TestStacks.main().template();
        pipeline = TestStacks.main().stack().getPipeline();
    }

    @Test
    void roles_eachStateMachine_grantsExactlyItsTaskActions() {
        assertEquals(TASK_ACTIONS.keySet(), pipeline.getRoles().keySet());
        pipeline.getRoles().forEach((workflow, role) -> {
            Set<String> expected = new TreeSet<>(TASK_ACTIONS.get(workflow));
            expected.addAll(LOGGING_AND_TRACING);
            assertEquals(expected, TemplateFacts.actionsOfRole(template, TemplateFacts.logicalId(role)), workflow);
        });
    }

    @Test
    void roles_derivation_matchesTheHandWrittenExpectation() {
        Path workflows = TestStacks.fixtureRepo().resolve("workflows");
        for (AslWorkflow workflow : AslWorkflow.loadAll(workflows)) {
            assertEquals(new TreeSet<>(TASK_ACTIONS.get(workflow.name())),
                    TaskPermissions.actions(TaskPermissions.derive(workflow)), workflow.name());
        }
    }

    @Test
    void trainingRole_batchSync_managedRule() {
        hasTrainingStatement(Match.objectLike(Map.of(
                "Action", List.of("events:DescribeRule", "events:PutRule", "events:PutTargets"),
                "Resource", Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of(
                        Match.stringLikeRegexp(".*:rule/StepFunctionsGetEventsForBatchJobsRule")))))))));
    }

    @Test
    void trainingRole_batchSync_describesAndTerminatesJobs() {
        hasTrainingStatement(Match.objectLike(Map.of(
                "Action", List.of("batch:DescribeJobs", "batch:TerminateJob"), "Resource", "*")));
    }

    @Test
    void trainingRole_submitJob_onTheCpuAndTheGpuQueue() {
        var training = TestStacks.main().stack().getTraining();
        String role = TemplateFacts.logicalId(pipeline.getRoles().get("training-pipeline"));
        Set<String> refs = new TreeSet<>();
        for (JsonNode policy : TemplateFacts.resources(template, "AWS::IAM::Policy").values()) {
            if (!policy.path("Properties").path("Roles").toString().contains("\"" + role + "\"")) {
                continue;
            }
            for (JsonNode statement : policy.path("Properties").path("PolicyDocument").path("Statement")) {
                if (statement.path("Action").toString().contains("batch:SubmitJob")) {
                    statement.path("Resource").forEach(r -> refs.add(r.path("Fn::GetAtt").path(0).asText()));
                }
            }
        }
        assertTrue(refs.containsAll(List.of(TemplateFacts.logicalId(training.getCpuQueue()),
                TemplateFacts.logicalId(training.getGpuQueue()))), refs.toString());
    }

    private static void hasTrainingStatement(Object statement) {
        String role = TemplateFacts.logicalId(pipeline.getRoles().get("training-pipeline"));
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", role)),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(statement)))));
    }

    @Test
    void stateMachines_definitionInlinedWithSubstitutions() throws Exception {
        Path workflows = TestStacks.fixtureRepo().resolve("workflows");
        for (AslWorkflow workflow : AslWorkflow.loadAll(workflows)) {
            JsonNode machine = TemplateFacts.json(template).path("Resources")
                    .path(TemplateFacts.logicalId(pipeline.stateMachine(workflow.name()))).path("Properties");
            assertEquals(Files.readString(workflow.file()), machine.path("DefinitionString").asText(), workflow.name());
            Set<String> keys = new TreeSet<>();
            machine.path("DefinitionSubstitutions").fieldNames().forEachRemaining(keys::add);
            assertEquals(workflow.placeholders(), keys, workflow.name());
        }
    }

    @Test
    void stateMachines_loggingAllAndTracing() {
        template.resourcePropertiesCountIs("AWS::StepFunctions::StateMachine", Map.of(
                "LoggingConfiguration", Match.objectLike(Map.of("Level", "ALL", "IncludeExecutionData", true)),
                "TracingConfiguration", Map.of("Enabled", true)), 4);
    }

    @Test
    void functions_onePerHandlerClass() {
        Set<String> handlers = TemplateFacts.resources(template, "AWS::Lambda::Function").values().stream()
                .map(f -> f.path("Properties").path("Handler").asText())
                .filter(h -> h.startsWith(HandlerClasses.PACKAGE))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(TestStacks.CONTRACT_TASKS.stream()
                .map(h -> "dev.mlops.pipeline.handlers." + h + "Handler").collect(Collectors.toCollection(TreeSet::new)),
                handlers);
    }

    @Test
    void functions_environment_storeTopicAndWritableHome() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.mlops.pipeline.handlers.RequestApprovalHandler",
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "MLOPS_HOME", "/tmp/mlops",
                        "MLOPS_STORE", Match.anyValue(),
                        "MLOPS_NOTIFICATION_TOPIC", Map.of("Ref", Match.stringLikeRegexp("NotificationsTopic.*")))))));
    }
}
