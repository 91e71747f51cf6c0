package dev.mlops.infra.training;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.infra.TemplateFacts;
import dev.mlops.infra.TestStacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrainingTest {

    private static Template template;
    private static Training training;

    @BeforeAll
    static void synth() {
        template = TestStacks.main().template();
        training = TestStacks.main().stack().getTraining();
    }

    @Test
    void gpuJobDefinition_gpusFromModelConfig_resourceRequirementOnEc2() {
        template.hasResourceProperties("AWS::Batch::JobDefinition", Map.of(
                "PlatformCapabilities", List.of("EC2"),
                "ContainerProperties", Match.objectLike(Map.of(
                        "Image", Match.stringLikeRegexp(".*/vision-trainer@sha256:[0-9a-f]{64}"),
                        "ResourceRequirements", Match.arrayWith(List.of(Map.of("Type", "GPU", "Value", "1")))))));
    }

    @Test
    void cpuJobDefinition_javaTrainer_fargateImagePinnedByDigestParameter() {
        template.hasResourceProperties("AWS::Batch::JobDefinition", Map.of(
                "PlatformCapabilities", List.of("FARGATE"),
                "ContainerProperties", Match.objectLike(Map.of(
                        "Image", Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of(
                                Match.stringLikeRegexp(".*/mlops-trainer@"), Map.of("Ref", Match.stringLikeRegexp("TrainingTrainerImageDigest.*"))))))),
                        "NetworkConfiguration", Map.of("AssignPublicIp", "ENABLED")))));
        template.hasParameter("*", Map.of("Type", "String", "AllowedPattern", "sha256:[0-9a-f]{64}"));
    }

    @Test
    void jobDefinitions_oneperModel() {
        template.resourceCountIs("AWS::Batch::JobDefinition", 2);
    }

    @Test
    void gpuCompute_g5g4dnNvidiaAmi_scalesToZero() {
        template.hasResourceProperties("AWS::Batch::ComputeEnvironment", Map.of(
                "Type", "managed",
                "ComputeResources", Match.objectLike(Map.of(
                        "MinvCpus", 0,
                        "InstanceTypes", List.of("g5", "g4dn"),
                        "Ec2Configuration", List.of(Map.of("ImageType", "ECS_AL2023_NVIDIA"))))));
    }

    @Test
    void cpuCompute_fargate() {
        template.hasResourceProperties("AWS::Batch::ComputeEnvironment", Map.of(
                "ComputeResources", Match.objectLike(Map.of("Type", "FARGATE"))));
    }

    @Test
    void network_byDefault_noNatAndAnS3GatewayEndpoint() {
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Gateway",
                "ServiceName", Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of(".s3")))))));
    }

    @Test
    void securityGroup_noInbound() {
        template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "GroupDescription", Match.stringLikeRegexp("Training jobs.*"),
                "SecurityGroupIngress", Match.absent()));
    }

    @Test
    void jobRole_objectAccess_onlyItsModelsPrefixes() {
        assertEquals(Set.of("/datasets/credit-risk/*", "/models/credit-risk/*", "/registry/credit-risk/claims/*",
                "/training-runs/credit-risk/*"), jobRoleSuffixes(false));
    }

    @Test
    void jobRole_writes_packageClaimAndRunMarkerButNotTheDataset() {
        assertEquals(Set.of("/models/credit-risk/*", "/registry/credit-risk/claims/*", "/training-runs/credit-risk/*"),
                jobRoleSuffixes(true));
    }

    @Test
    void jobDefinition_namedPrefixPlusModel_commandFromSubmitParameters() {
        template.hasResourceProperties("AWS::Batch::JobDefinition", Map.of(
                "JobDefinitionName", "Mlops-train-credit-risk",
                "ContainerProperties", Match.objectLike(Map.of("Command", Match.arrayWith(List.of(
                        "--dataset", "Ref::dataset", "--seed", "Ref::seed", "--initiator", "Ref::initiator",
                        "--run-id", "Ref::runId"))))));
    }

    private static Set<String> jobRoleSuffixes(boolean writesOnly) {
        String role = TemplateFacts.logicalId(training.getJobRoles().get(0));
        Set<String> suffixes = new TreeSet<>();
        for (JsonNode policy : TemplateFacts.resources(template, "AWS::IAM::Policy").values()) {
            if (!policy.path("Properties").path("Roles").toString().contains(role)) {
                continue;
            }
            for (JsonNode statement : policy.path("Properties").path("PolicyDocument").path("Statement")) {
                if (!writesOnly || statement.path("Action").toString().contains("s3:PutObject")) {
                    collectObjectSuffixes(statement.path("Resource"), suffixes);
                }
            }
        }
        return suffixes;
    }

    /** Literal parts of Fn::Join resources that follow a bucket ARN: "/prefix/*". */
    private static void collectObjectSuffixes(JsonNode node, Set<String> found) {
        if (node.isTextual() && node.asText().startsWith("/") && node.asText().endsWith("*")) {
            found.add(node.asText());
        }
        node.forEach(child -> collectObjectSuffixes(child, found));
    }
}
