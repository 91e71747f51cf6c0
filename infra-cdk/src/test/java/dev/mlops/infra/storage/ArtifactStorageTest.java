package dev.mlops.infra.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.infra.MlopsStack;
import dev.mlops.infra.TemplateFacts;
import dev.mlops.infra.TestStacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactStorageTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestStacks.main().template();
    }

    @Test
    void bucket_encryption_sseKmsWithBucketKey() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketEncryption", Map.of(
                "ServerSideEncryptionConfiguration", List.of(Map.of(
                        "BucketKeyEnabled", true,
                        "ServerSideEncryptionByDefault", Match.objectLike(Map.of("SSEAlgorithm", "aws:kms")))))));
    }

    @Test
    void key_rotation_enabled() {
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void bucket_publicAccess_allBlocked() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("PublicAccessBlockConfiguration", Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true)));
    }

    @Test
    void bucket_versioningAndObjectLock_enabledWithoutDefaultRetention() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "ObjectLockEnabled", true,
                "ObjectLockConfiguration", Match.absent()));
    }

    @Test
    void bucketPolicy_nonTls_denied() {
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void lifecycle_capture_expiresPerModelRetention() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("LifecycleConfiguration", Map.of("Rules",
                Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Id", "Capture-credit-risk", "Prefix", "capture/credit-risk/",
                                "ExpirationInDays", 30, "Status", "Enabled")),
                        Match.objectLike(Map.of("Id", "Capture-vision-gpu", "Prefix", "capture/vision-gpu/",
                                "ExpirationInDays", 7, "Status", "Enabled")))))));
    }

    @Test
    void bucket_removal_retained() {
        template.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void auditWriters_controlAndEveryPipelineFunction_getTheRetentionSetting() {
        MlopsStack stack = TestStacks.main().stack();
        List<IConstruct> writers = new ArrayList<>(List.of(stack.getServing().getControl()));
        writers.addAll(stack.getPipeline().getFunctions().values());
        Map<String, JsonNode> functions = TemplateFacts.resources(template, "AWS::Lambda::Function");
        for (IConstruct writer : writers) {
            String id = TemplateFacts.logicalId(writer);
            assertEquals("365", functions.get(id).path("Properties").path("Environment").path("Variables")
                    .path(ArtifactStorage.AUDIT_RETENTION_VARIABLE).asText(), id);
        }
    }

    @Test
    void inference_writesNoAudit_noRetentionSetting() {
        String id = TemplateFacts.logicalId(TestStacks.main().stack().getServing().getInference());
        assertTrue(TemplateFacts.resources(template, "AWS::Lambda::Function").get(id).path("Properties")
                .path("Environment").path("Variables").path(ArtifactStorage.AUDIT_RETENTION_VARIABLE).isMissingNode());
    }

    @Test
    void auditWriters_mayPutObjectRetentionUnderAuditOnly() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "s3:PutObjectRetention",
                        "Resource", Map.of("Fn::Join", List.of("", List.of(
                                Map.of("Fn::GetAtt", List.of(Match.anyValue(), "Arn")), "/audit/*"))))))))));
    }
}
