package dev.mlops.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LocalStack's Step Functions accepts the repository's state machines once their placeholders hold ARNs of the
 * right shape (stubs: nothing is executed, the Lambda functions, queues and topics need not exist). The drift
 * check is the one the brief requires; the others are there because they cost one call each.
 */
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class WorkflowDefinitionsLocalStackIT {

    private static final String ROLE = "arn:aws:iam::" + StubPlaceholders.ACCOUNT + ":role/mlops-states-it";

    @Test
    void driftCheck_withStubArns_isAcceptedAndStoredVerbatim() {
        String definition = StubPlaceholders.definition("drift-check");
        try (SfnClient sfn = LocalStack.sfn()) {
            String arn = sfn.createStateMachine(b -> b.name("drift-check-it").roleArn(ROLE)
                    .type(StateMachineType.STANDARD).definition(definition)).stateMachineArn();

            DescribeStateMachineResponse described = sfn.describeStateMachine(b -> b.stateMachineArn(arn));
            assertEquals("drift-check-it", described.name());
            assertEquals(definition, described.definition());
            assertTrue(arn.startsWith("arn:aws:states:"), arn);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"training-pipeline", "batch-inference"})
    void otherWorkflows_withStubArns_areAccepted(String workflow) {
        String definition = StubPlaceholders.definition(workflow);
        try (SfnClient sfn = LocalStack.sfn()) {
            String arn = sfn.createStateMachine(b -> b.name(workflow + "-it").roleArn(ROLE)
                    .type(StateMachineType.STANDARD).definition(definition)).stateMachineArn();
            assertTrue(arn.endsWith(":" + workflow + "-it"), arn);
        }
    }
}
