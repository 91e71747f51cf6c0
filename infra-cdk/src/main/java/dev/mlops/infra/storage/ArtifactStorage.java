package dev.mlops.infra.storage;

import dev.mlops.infra.config.ModelSpec;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one bucket of the artifact store: datasets, model packages, registry, audit and capture.
 *
 * <p>Encryption is SSE-KMS with a customer-managed key and S3 Bucket Keys: the key policy is a second gate on
 * model packages and audit records (a principal needs both S3 and KMS rights, and every decrypt is in CloudTrail),
 * and Bucket Keys cut KMS requests, and their cost, by about two orders of magnitude. The price is $1 a month for
 * the key and a KMS grant on every reader and writer, which the {@code grantX} methods add.
 *
 * <p>Object Lock is enabled without a default retention: registry documents are rewritten by compare-and-swap and
 * capture expires, so only audit records get GOVERNANCE retention, set per object by the writer
 * ({@link #grantAuditWrite} adds the right and the {@value #AUDIT_RETENTION_VARIABLE} setting).
 */
public final class ArtifactStorage extends Construct {

    /** Prefix of capture data: {@code capture/{model}/dt=YYYY-MM-DD/}. */
    public static final String CAPTURE_PREFIX = "capture/";
    /** Prefix of the records Firehose could not partition or deliver. */
    public static final String CAPTURE_ERRORS_PREFIX = "capture-errors/";
    /**
     * The functions' setting of the audit records' retention in days: core's S3ArtifactStore puts Object Lock mode
     * GOVERNANCE with a retain-until date on every object it writes under {@code audit/} when it is set.
     */
    public static final String AUDIT_RETENTION_VARIABLE = "MLOPS_AUDIT_RETENTION_DAYS";

    private final Key key;
    private final Bucket bucket;

    /** The key and the bucket, with one capture expiry rule per model from its {@code capture.retentionDays}. */
    public ArtifactStorage(Construct scope, String id, List<ModelSpec> models) {
        super(scope, id);
        key = Key.Builder.create(this, "Key")
                .description("Artifact store of Serverless MLOps for Java")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        List<LifecycleRule> rules = new ArrayList<>();
        for (ModelSpec model : models) {
            rules.add(LifecycleRule.builder()
                    .id("Capture-" + model.name())
                    .prefix(CAPTURE_PREFIX + model.name() + "/")
                    .expiration(Duration.days(model.captureRetentionDays()))
                    .noncurrentVersionExpiration(Duration.days(1))
                    .build());
        }
        rules.add(LifecycleRule.builder().id("CaptureErrors").prefix(CAPTURE_ERRORS_PREFIX)
                .expiration(Duration.days(14)).noncurrentVersionExpiration(Duration.days(1)).build());
        // registry documents change by compare-and-swap; their history is kept a quarter, audit holds the story
        rules.add(LifecycleRule.builder().id("RegistryHistory").prefix("registry/")
                .noncurrentVersionExpiration(Duration.days(90)).build());
        rules.add(LifecycleRule.builder().id("AbortMultipart").abortIncompleteMultipartUploadAfter(Duration.days(1)).build());
        bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .versioned(true)
                .objectLockEnabled(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .lifecycleRules(rules)
                // the registry and audit trail outlive the stack
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        new CfnOutput(this, "BucketName", CfnOutputProps.builder().value(bucket.getBucketName())
                .description("the artifact store: MLOPS_STORE=s3://<this>").build());
    }

    /** The bucket. */
    public Bucket getBucket() {
        return bucket;
    }

    /** The bucket's KMS key. */
    public Key getKey() {
        return key;
    }

    /** {@code s3://bucket} as the functions' store setting. */
    public String getStoreUri() {
        return "s3://" + bucket.getBucketName();
    }

    /** Read and write on every key (the functions of the control plane and the pipeline). */
    public void grantReadWrite(IGrantable grantee) {
        bucket.grantReadWrite(grantee);
    }

    /** Read on every key (the inference function, which also writes nothing but logs). */
    public void grantRead(IGrantable grantee) {
        bucket.grantRead(grantee);
    }

    /** Read under {@code prefixes}: object reads plus a prefix-conditioned list, and decrypt. */
    public void grantReadUnder(IGrantable grantee, List<String> prefixes) {
        for (String prefix : prefixes) {
            bucket.grantRead(grantee, prefix + "*");
        }
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", prefixes.stream().map(p -> p + "*").toList())))
                .build());
    }

    /** Write under {@code prefix} (objects and multipart uploads), with the key's encrypt rights. */
    public void grantWriteUnder(IGrantable grantee, String prefix) {
        bucket.grantWrite(grantee, prefix + "*");
    }

    /**
     * Writing audit records with their GOVERNANCE retention: {@code s3:PutObjectRetention} on {@code audit/*}, and
     * {@value #AUDIT_RETENTION_VARIABLE} in the function's environment so that its store sets the retention.
     */
    public void grantAuditWrite(Function function, int retentionDays) {
        function.addEnvironment(AUDIT_RETENTION_VARIABLE, Integer.toString(retentionDays));
        function.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:PutObjectRetention"))
                .resources(List.of(bucket.arnForObjects("audit/*")))
                .build());
    }
}
