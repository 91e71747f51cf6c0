package dev.mlops.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import software.constructs.IConstruct;

import java.util.List;

/**
 * The cdk-nag AwsSolutions findings this stack accepts, each on the constructs it concerns and with its reason.
 * NagTest fails on any finding without one.
 */
final class NagSuppressions {

    private NagSuppressions() {
    }

    static void apply(MlopsStack stack) {
        io.github.cdklabs.cdknag.NagSuppressions.addStackSuppressions(stack, List.of(
                suppress("AwsSolutions-IAM4", "AWSLambdaBasicExecutionRole (log writes) on the functions and"
                        + " AmazonECSTaskExecutionRolePolicy (image pull, log writes) on the Batch execution role are AWS's"
                        + " own minimal policies for those services"),
                suppress("AwsSolutions-L1", "java21 is the Java runtime the functions are built and tested on (ONNX Runtime"
                        + " natives, SnapStart priming); a newer runtime is a deliberate upgrade with its own test run, not a"
                        + " side effect of a CDK bump. The BucketDeployment handler that publishes the model configs runs"
                        + " the Python runtime its CDK version pins")));

        var storage = stack.getStorage();
        on(storage.getBucket(), suppress("AwsSolutions-S1", "server access logs would need a second bucket (the Object"
                + " Lock bucket cannot log to itself); every registry change is already an audit/ record with who and"
                + " why, and object-level reads are what CloudTrail S3 data events record where an account enables them"));

        // BucketDeployment's handler is one singleton function per stack, a direct child of the stack
        stack.getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith("Custom::CDKBucketDeployment"))
                .forEach(handler -> on(handler, suppress("AwsSolutions-IAM5", "CDK's BucketDeployment handler (publishes"
                        + " models/<name>/model.json at deploy): read of the CDK asset bucket's staged zips, and CDK's"
                        + " grantReadWrite on the artifact bucket for its aws s3 sync (GetObject*/List*/DeleteObject*/"
                        + "Abort* on bucket/*, the key's GenerateDataKey*/ReEncrypt*); BucketDeployment takes no narrower"
                        + " grant. It runs only during a deploy, with prune off, and audit/ records are under Object Lock")));

        var serving = stack.getServing();
        if (serving.getUserPool() != null) {
            on(serving.getUserPool(), suppress("AwsSolutions-COG3", "threat protection (advanced security) is priced per"
                    + " monthly active user; the pool holds a few staff accounts created by an administrator, with no self"
                    + " sign-up; enable it in regulated accounts"));
        }
        if (serving.getApi() != null) { // null with edition=community
            serving.getApi().getNode().getChildren().stream()
                    .filter(child -> child.getNode().getId().contains("--health"))
                    .forEach(route -> on(route, suppress("AwsSolutions-APIG4", "health probes (the Open Inference"
                            + " Protocol's /v2/health/live and /ready, the control API's /v1/health) are unauthenticated"
                            + " by design; they return no model data")));
            serving.getApi().getNode().getChildren().stream()
                    .filter(child -> child.getNode().getId().contains("--console"))
                    .forEach(route -> on(route, suppress("AwsSolutions-APIG4", "the web console's static files (HTML,"
                            + " ES modules, CSS) load before anyone signs in and hold no data; every page reads through the"
                            + " authenticated /v1 routes with the bearer token the person enters")));
        }
        on(serving.getInference(), suppress("AwsSolutions-IAM5", "read of the artifact bucket (packages, registry,"
                + " deployment.json): CDK's grantRead s3:GetObject*/List* on bucket/* and kms:Decrypt on the bucket's key;"
                + " the function writes nothing but logs"));
        on(serving.getControl(), suppress("AwsSolutions-IAM5", "the control plane reads and writes the whole artifact"
                + " store (registry, deployment.json, audit/ with retention): CDK's grantReadWrite on bucket/*; executions"
                + " of the stack's own state machines (name:*); SendTaskSuccess/Failure/Heartbeat only accept * because"
                + " task tokens are not IAM resources"));

        stack.getPipeline().getFunctions().values().forEach(function -> on(function, suppress("AwsSolutions-IAM5",
                "pipeline tasks read and write registry documents, packages, audit records and reports across models:"
                        + " CDK's grantReadWrite on bucket/* with the bucket key's GenerateDataKey*/ReEncrypt*")));
        stack.getPipeline().getRoles().values().forEach(role -> on(role, suppress("AwsSolutions-IAM5",
                "derived from the state machine's own Task states: job-definition/<prefix>* is the per-model job"
                        + " definitions (prefix + model, any revision) that ${TrainingJobDefinitionPrefix} names;"
                        + " execution:<name>:* and <name>/* the executions and distributed Map child runs of one named"
                        + " state machine; bucket/* the distributed Map's item reader and result writer; * only where IAM"
                        + " has no resource type: batch:DescribeJobs/TerminateJob for .sync, and X-Ray")));

        var training = stack.getTraining();
        if (training != null) { // null with edition=community
            training.getJobRoles().forEach(role -> on(role, suppress("AwsSolutions-IAM5", "limited to the model's"
                    + " datasets/{model}/ and models/{model}/ prefixes; the action wildcards are CDK's grantRead/grantWrite"
                    + " (GetObject*, List*, Abort*, DeleteObject* for multipart retries) and the bucket key's"
                    + " GenerateDataKey*/ReEncrypt*")));
            on(training.getExecutionRole(), suppress("AwsSolutions-IAM5", "ecr:GetAuthorizationToken has no resource type,"
                    + " so IAM only accepts *; image pulls themselves are limited to the trainer repository"));
            on(training.getVpc(), suppress("AwsSolutions-VPC7", "the VPC only holds training jobs, with no inbound rules;"
                    + " flow logs are billed per GB and belong to the account's network baseline"));
        }

        on(stack.getCapture().getFirehoseRole(), suppress("AwsSolutions-IAM5", "Firehose writes only under capture/"
                + " and capture-errors/ (object keys come from dynamic partitioning, so they end in *); Abort* for"
                + " multipart uploads and the bucket key's GenerateDataKey*/ReEncrypt* are CDK's grantWrite"));
    }

    private static void on(IConstruct construct, NagPackSuppression suppression) {
        io.github.cdklabs.cdknag.NagSuppressions.addResourceSuppressions(construct, List.of(suppression), true);
    }

    private static NagPackSuppression suppress(String id, String reason) {
        return NagPackSuppression.builder().id(id).reason(reason).build();
    }
}
