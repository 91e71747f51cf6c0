package dev.mlops.infra;

import dev.mlops.infra.config.Edition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -c edition=community} (LocalStack's community edition, see localstack/README.md): the app synthesises
 * without Batch, ECR, Cognito and the HTTP API, and keeps everything else.
 */
class CommunityEditionTest {

    private static TestStacks.Synth synth;
    private static Template template;

    @BeforeAll
    static void synth() {
        synth = TestStacks.synth(Map.of("edition", "community"));
        template = synth.template();
    }

    @Test
    void leavesOut_batchEcrCognitoAndTheHttpApi() {
        for (String type : List.of("AWS::Batch::ComputeEnvironment", "AWS::Batch::JobQueue", "AWS::Batch::JobDefinition",
                "AWS::EC2::VPC", "AWS::Cognito::UserPool", "AWS::Cognito::UserPoolClient", "AWS::ApiGatewayV2::Api",
                "AWS::ApiGatewayV2::Stage", "AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Authorizer")) {
            template.resourceCountIs(type, 0);
        }
        App app = (App) synth.stack().getNode().getScope();
        assertNull(app.getNode().tryFindChild(MlopsApp.IMAGES_STACK), "no MlopsImages stack (ECR is not in community)");
        assertNull(synth.stack().getTraining());
        assertNull(synth.stack().getServing().getApi());
        assertTrue(template.findOutputs("*", Map.of()).keySet().stream().noneMatch(k -> k.contains("ApiUrl")));
        assertTrue(template.findResources("AWS::CloudWatch::Alarm", Map.of()).keySet().stream()
                .noneMatch(id -> id.contains("Api5xxRate")), "no API 5xx alarm without an API");
    }

    @Test
    void keeps_functionsStateMachinesBucketTopicCaptureAndSchedules() {
        Template full = TestStacks.main().template();
        for (String type : List.of("AWS::Lambda::Function", "AWS::Lambda::Alias", "AWS::StepFunctions::StateMachine",
                "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::SNS::Topic", "AWS::KinesisFirehose::DeliveryStream",
                "AWS::Logs::SubscriptionFilter", "AWS::Scheduler::Schedule")) {
            assertEquals(full.findResources(type, Map.of()).size(), template.findResources(type, Map.of()).size(), type);
        }
        assertNotNull(synth.stack().getServing().getControl());
    }

    @Test
    void trainingPipeline_namesAnAbsentQueue_soTrainFailsThereAndNothingElse() {
        String json = TemplateFacts.json(template).toString();
        // ${TrainingJobQueue}: in the definition and the role's batch:SubmitJob resource (the GPU queue's
        // placeholder only appears where a workflow uses it)
        assertTrue(json.contains("Mlops-cpu-absent-in-community-edition"), "TrainingJobQueue placeholder");
    }

    @Test
    void cdkNag_reportsNoErrors() {
        Annotations.fromStack(synth.stack()).hasNoError("*", Match.anyValue());
    }

    @Test
    void parse_acceptsAwsProCommunity_andNamesTheChoicesOtherwise() {
        assertEquals(Edition.AWS, Edition.parse(null));
        assertEquals(Edition.AWS, Edition.parse("pro"));
        assertEquals(Edition.COMMUNITY, Edition.parse(" Community "));
        InfraException e = assertThrows(InfraException.class, () -> Edition.parse("free"));
        assertTrue(e.getMessage().contains("edition: expected aws, pro or community, got 'free'"), e.getMessage());
    }
}
