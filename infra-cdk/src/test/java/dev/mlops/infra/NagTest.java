package dev.mlops.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** cdk-nag's AwsSolutions pack runs on every synth of the app; each accepted finding carries a reason. */
class NagTest {

    @Test
    void awsSolutions_mainStack_hasNoUnsuppressedFindings() {
        assertNoFindings(TestStacks.main().stack());
    }

    @Test
    void awsSolutions_imagesStack_hasNoUnsuppressedFindings() {
        Stack images = (Stack) TestStacks.main().stack().getNode().getScope().getNode().findChild(MlopsApp.IMAGES_STACK);
        assertNoFindings(images);
    }

    private static void assertNoFindings(Stack stack) {
        Annotations annotations = Annotations.fromStack(stack);
        List<SynthesisMessage> errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertEquals(List.of(), errors.stream().map(m -> m.getId() + " " + m.getEntry().getData()).toList());
        assertEquals(List.of(), warnings.stream().map(m -> m.getId() + " " + m.getEntry().getData()).toList());
    }
}
