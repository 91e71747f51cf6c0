package dev.mlops.control.api;

import dev.mlops.control.executions.DetachedExecutions;
import dev.mlops.control.executions.Executions;
import dev.mlops.control.executions.sfn.StepFunctionsExecutions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Which engine the control function talks to when nobody registers one. */
class ControlFactoryTest {

    @TempDir
    Path home;

    @Test
    void inLambda_theEngineIsStepFunctions() {
        // The SDK needs a region to build a client (Lambda sets AWS_REGION); no call is made.
        String previous = System.getProperty("aws.region");
        System.setProperty("aws.region", "eu-west-1");
        try (ApplicationContext context = ApplicationContext.builder().environments("function", "lambda")
                .properties(Map.of("mlops.control.home", home.toString(),
                        "mlops.control.training-pipeline-arn", "arn:aws:states:eu-west-1:123456789012:stateMachine:tp"))
                .start()) {
            assertInstanceOf(StepFunctionsExecutions.class, context.getBean(Executions.class));
        } finally {
            if (previous == null) {
                System.clearProperty("aws.region");
            } else {
                System.setProperty("aws.region", previous);
            }
        }
    }

    @Test
    void outsideLambda_withoutARegisteredEngine_itIsDetached() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("mlops.control.home", home.toString()))) {
            assertInstanceOf(DetachedExecutions.class, context.getBean(Executions.class));
        }
    }
}
