package dev.mlops.infra.capture;

import dev.mlops.infra.storage.ArtifactStorage;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream;
import software.amazon.awscdk.services.logs.CfnSubscriptionFilter;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * Capture lines from the inference function's log group to the bucket, partitioned as the local runtime writes them:
 * {@code capture/{model}/dt=YYYY-MM-DD/}.
 *
 * <p>Chosen: Firehose's own processors, no transform Lambda. CloudWatch Logs delivers gzip batches of log events;
 * Firehose decompresses them, extracts each event's message (the capture line as the function printed it), reads
 * the partition key with an inline jq query ({@code .model}) and appends a newline, so objects are JSON Lines like
 * the local files. The date is Firehose's arrival time in UTC ({@code !{timestamp:yyyy-MM-dd}}), at most a buffer
 * interval after the prediction's own {@code time}. No code to build, patch or pay per invocation; the cost is the
 * dynamic-partitioning charge per GB, small at capture volumes.
 */
public final class CaptureDelivery extends Construct {

    /** The subscription filter: capture lines only (predictions and feedback), not EMF metrics or logs. */
    public static final String FILTER_PATTERN = "{ ($.type = \"prediction\") || ($.type = \"feedback\") }";
    /** The S3 prefix with Firehose's partition and time expressions. */
    public static final String PREFIX = ArtifactStorage.CAPTURE_PREFIX
            + "!{partitionKeyFromQuery:model}/dt=!{timestamp:yyyy-MM-dd}/";

    private final CfnDeliveryStream stream;
    private final Role firehoseRole;

    /** The delivery stream, its roles and the subscription filter on {@code source}. */
    public CaptureDelivery(Construct scope, String id, LogGroup source, ArtifactStorage storage) {
        super(scope, id);
        Stack stack = Stack.of(this);
        LogGroup deliveryLogs = LogGroup.Builder.create(this, "DeliveryLogs")
                .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
        LogStream deliveryErrors = deliveryLogs.addStream("S3Delivery");

        firehoseRole = Role.Builder.create(this, "FirehoseRole")
                .assumedBy(new ServicePrincipal("firehose.amazonaws.com"))
                .description("Capture delivery: writes capture/ and capture-errors/ in the artifact bucket")
                .build();
        storage.grantWriteUnder(firehoseRole, ArtifactStorage.CAPTURE_PREFIX);
        storage.grantWriteUnder(firehoseRole, ArtifactStorage.CAPTURE_ERRORS_PREFIX);
        firehoseRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"))
                .resources(List.of(storage.getBucket().getBucketArn())).build());
        deliveryLogs.grantWrite(firehoseRole);

        stream = CfnDeliveryStream.Builder.create(this, "Stream")
                .deliveryStreamType("DirectPut")
                .deliveryStreamEncryptionConfigurationInput(CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty
                        .builder().keyType("AWS_OWNED_CMK").build())
                .extendedS3DestinationConfiguration(CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty.builder()
                        .bucketArn(storage.getBucket().getBucketArn())
                        .roleArn(firehoseRole.getRoleArn())
                        .prefix(PREFIX)
                        .errorOutputPrefix(ArtifactStorage.CAPTURE_ERRORS_PREFIX
                                + "!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/")
                        .fileExtension(".jsonl")
                        .compressionFormat("UNCOMPRESSED")
                        .encryptionConfiguration(CfnDeliveryStream.EncryptionConfigurationProperty.builder()
                                .kmsEncryptionConfig(CfnDeliveryStream.KMSEncryptionConfigProperty.builder()
                                        .awskmsKeyArn(storage.getKey().getKeyArn()).build()).build())
                        // dynamic partitioning needs at least 64 MiB; 5 minutes bounds the capture delay
                        .bufferingHints(CfnDeliveryStream.BufferingHintsProperty.builder()
                                .intervalInSeconds(300).sizeInMBs(64).build())
                        .dynamicPartitioningConfiguration(CfnDeliveryStream.DynamicPartitioningConfigurationProperty.builder()
                                .enabled(true).build())
                        .processingConfiguration(CfnDeliveryStream.ProcessingConfigurationProperty.builder()
                                .enabled(true)
                                .processors(List.of(
                                        processor("Decompression", Map.of("CompressionFormat", "GZIP")),
                                        processor("CloudWatchLogProcessing", Map.of("DataMessageExtraction", "true")),
                                        processor("MetadataExtraction", Map.of(
                                                "MetadataExtractionQuery", "{model: .model}",
                                                "JsonParsingEngine", "JQ-1.6")),
                                        processor("AppendDelimiterToRecord", Map.of())))
                                .build())
                        .cloudWatchLoggingOptions(CfnDeliveryStream.CloudWatchLoggingOptionsProperty.builder()
                                .enabled(true).logGroupName(deliveryLogs.getLogGroupName())
                                .logStreamName(deliveryErrors.getLogStreamName()).build())
                        .build())
                .build();
        stream.getNode().addDependency(firehoseRole);

        Role logsRole = Role.Builder.create(this, "SubscriptionRole")
                .assumedBy(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com"))
                .description("CloudWatch Logs puts capture lines into the capture delivery stream")
                .build();
        logsRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("firehose:PutRecord", "firehose:PutRecordBatch"))
                .resources(List.of(stream.getAttrArn())).build());
        CfnSubscriptionFilter filter = CfnSubscriptionFilter.Builder.create(this, "Subscription")
                .logGroupName(source.getLogGroupName())
                .filterPattern(FILTER_PATTERN)
                .destinationArn(stream.getAttrArn())
                .roleArn(logsRole.getRoleArn())
                .build();
        filter.getNode().addDependency(logsRole);
    }

    private static CfnDeliveryStream.ProcessorProperty processor(String type, Map<String, String> parameters) {
        return CfnDeliveryStream.ProcessorProperty.builder()
                .type(type)
                .parameters(parameters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> CfnDeliveryStream.ProcessorParameterProperty.builder()
                                .parameterName(e.getKey()).parameterValue(e.getValue()).build())
                        .toList())
                .build();
    }

    /** The role Firehose writes to the bucket with. */
    public Role getFirehoseRole() {
        return firehoseRole;
    }

    /** The delivery stream. */
    public CfnDeliveryStream getStream() {
        return stream;
    }
}
