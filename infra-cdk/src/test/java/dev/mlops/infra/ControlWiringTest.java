package dev.mlops.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What docs/control-api.md says the control function needs from the stack: state machine ARNs and Step Functions rights. */
class ControlWiringTest {

    private static Template template;
    private static MlopsStack stack;
    private static JsonNode control;
    private static String controlRole;

    @BeforeAll
    static void synth() {
        template = TestStacks.main().template();
        stack = TestStacks.main().stack();
        control = TemplateFacts.resources(template, "AWS::Lambda::Function")
                .get(TemplateFacts.logicalId(stack.getServing().getControl()));
        controlRole = control.path("Properties").path("Role").path("Fn::GetAtt").path(0).asText();
    }

    @Test
    void environment_trainingPipelineArn_namesTheTrainingStateMachine() {
        assertTrue(text(control.path("Properties").path("Environment").path("Variables")
                .path("MLOPS_CONTROL_TRAINING_PIPELINE_ARN")).endsWith(":stateMachine:Mlops-training-pipeline"));
    }

    @Test
    void environment_driftCheckArn_namesTheDriftCheckStateMachine() {
        assertTrue(text(control.path("Properties").path("Environment").path("Variables")
                .path("MLOPS_CONTROL_DRIFT_CHECK_ARN")).endsWith(":stateMachine:Mlops-drift-check"));
    }

    @Test
    void role_startExecution_onTrainingPipelineAndDriftCheck() {
        assertEquals(Set.of(":stateMachine:Mlops-drift-check", ":stateMachine:Mlops-training-pipeline"),
                resourceSuffixes("states:StartExecution"));
    }

    @Test
    void role_taskCallbacks_sendTaskSuccessAndFailure() {
        assertEquals(Set.of("*"), resourceSuffixes("states:SendTaskSuccess"));
        assertEquals(Set.of("*"), resourceSuffixes("states:SendTaskFailure"));
    }

    @Test
    void role_executionReads_listDescribeAndHistoryOnEveryStateMachine() {
        Set<String> machines = new TreeSet<>();
        stack.getPipeline().getStateMachines().keySet().forEach(name -> machines.add(":stateMachine:Mlops-" + name));
        assertEquals(machines, resourceSuffixes("states:ListExecutions"));
        Set<String> executions = new TreeSet<>();
        stack.getPipeline().getStateMachines().keySet().forEach(name -> executions.add(":execution:Mlops-" + name + ":*"));
        assertEquals(executions, resourceSuffixes("states:DescribeExecution"));
        assertEquals(executions, resourceSuffixes("states:GetExecutionHistory"));
    }

    /** The resources that the control role's statements grant {@code action} on, each as its text after the account. */
    private static Set<String> resourceSuffixes(String action) {
        Set<String> found = new TreeSet<>();
        for (JsonNode policy : TemplateFacts.resources(template, "AWS::IAM::Policy").values()) {
            boolean attached = false;
            for (JsonNode role : policy.path("Properties").path("Roles")) {
                attached |= controlRole.equals(role.path("Ref").asText());
            }
            if (!attached) {
                continue;
            }
            for (JsonNode statement : policy.path("Properties").path("PolicyDocument").path("Statement")) {
                List<String> actions = new ArrayList<>();
                JsonNode node = statement.path("Action");
                if (node.isArray()) {
                    node.forEach(a -> actions.add(a.asText()));
                } else {
                    actions.add(node.asText());
                }
                if (actions.contains(action)) {
                    JsonNode resources = statement.path("Resource");
                    if (resources.isArray()) {
                        resources.forEach(r -> found.add(suffix(text(r))));
                    } else {
                        found.add(suffix(text(resources)));
                    }
                }
            }
        }
        return found;
    }

    private static String suffix(String arn) {
        int at = arn.indexOf(":stateMachine:");
        int execution = arn.indexOf(":execution:");
        return at >= 0 ? arn.substring(at) : execution >= 0 ? arn.substring(execution) : arn;
    }

    /** A template value as text: a string, or the literal parts of an Fn::Join with references as {@code {Ref}}. */
    private static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        JsonNode join = value.path("Fn::Join");
        StringBuilder out = new StringBuilder();
        for (JsonNode part : join.path(1)) {
            out.append(part.isTextual() ? part.asText() : "{" + part.toString() + "}");
        }
        return out.toString();
    }
}
