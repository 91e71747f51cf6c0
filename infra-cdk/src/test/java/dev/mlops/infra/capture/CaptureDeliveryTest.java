package dev.mlops.infra.capture;

import dev.mlops.infra.TemplateFacts;
import dev.mlops.infra.TestStacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

class CaptureDeliveryTest {

    private static Template template;
    private static String inferenceLogs;

    @BeforeAll
    static void synth() {
        template = TestStacks.main().template();
        inferenceLogs = TemplateFacts.logicalId(TestStacks.main().stack().getServing().getInferenceLogs());
    }

    @Test
    void subscription_inferenceLogGroup_captureLinesToFirehose() {
        template.hasResourceProperties("AWS::Logs::SubscriptionFilter", Map.of(
                "LogGroupName", Map.of("Ref", inferenceLogs),
                "FilterPattern", CaptureDelivery.FILTER_PATTERN,
                "DestinationArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("CaptureStream.*"), "Arn"))));
    }

    @Test
    void inference_logsTo_theSubscribedLogGroup() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction",
                "LoggingConfig", Match.objectLike(Map.of("LogGroup", Map.of("Ref", inferenceLogs)))));
    }

    @Test
    void stream_prefix_captureModelDatePartitions() {
        template.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Map.of(
                "ExtendedS3DestinationConfiguration", Match.objectLike(Map.of(
                        "Prefix", "capture/!{partitionKeyFromQuery:model}/dt=!{timestamp:yyyy-MM-dd}/",
                        "ErrorOutputPrefix", Match.stringLikeRegexp("capture-errors/.*"),
                        "DynamicPartitioningConfiguration", Map.of("Enabled", true)))));
    }

    @Test
    void stream_processors_decompressExtractPartitionAndDelimit() {
        template.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Map.of(
                "ExtendedS3DestinationConfiguration", Match.objectLike(Map.of(
                        "ProcessingConfiguration", Map.of("Enabled", true, "Processors", List.of(
                                Match.objectLike(Map.of("Type", "Decompression")),
                                Match.objectLike(Map.of("Type", "CloudWatchLogProcessing")),
                                Match.objectLike(Map.of("Type", "MetadataExtraction", "Parameters", Match.arrayWith(List.of(
                                        Map.of("ParameterName", "MetadataExtractionQuery", "ParameterValue", "{model: .model}"))))),
                                Match.objectLike(Map.of("Type", "AppendDelimiterToRecord"))))))));
    }

    @Test
    void stream_encryption_atRestWithTheBucketKey() {
        template.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Map.of(
                "DeliveryStreamEncryptionConfigurationInput", Map.of("KeyType", "AWS_OWNED_CMK"),
                "ExtendedS3DestinationConfiguration", Match.objectLike(Map.of(
                        "EncryptionConfiguration", Map.of("KMSEncryptionConfig", Map.of("AWSKMSKeyARN", Match.anyValue()))))));
    }
}
