package dev.mlops.localstack;

import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One LocalStack container per test JVM (started on first use, stopped by Testcontainers' Ryuk when the JVM ends),
 * and SDK clients pointed at it. Only services of the community edition are used, so the default image needs no
 * auth token; {@code -Dlocalstack.image} picks another (a Pro image reads {@code LOCALSTACK_AUTH_TOKEN}).
 */
public final class LocalStack {

    /** The image of the pom's {@code localstack.image} property; this default when run outside Maven. */
    public static final String DEFAULT_IMAGE = "localstack/localstack:4.9";

    /** The services the tests use. */
    public static final String[] SERVICES = {"s3", "sns", "sqs", "stepfunctions", "iam", "sts"};

    private static LocalStackContainer container;

    private LocalStack() {
    }

    /** The running container, started on first call. */
    public static synchronized LocalStackContainer container() {
        if (container == null) {
            DockerImageName image = DockerImageName.parse(System.getProperty("localstack.image", DEFAULT_IMAGE))
                    .asCompatibleSubstituteFor("localstack/localstack");
            LocalStackContainer started = new LocalStackContainer(image).withServices(SERVICES);
            String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
            if (token != null && !token.isBlank()) {
                started.withEnv("LOCALSTACK_AUTH_TOKEN", token);
            }
            started.start();
            container = started;
        }
        return container;
    }

    /** An S3 client; path-style, as LocalStack's virtual-host names need DNS set up. */
    public static S3Client s3() {
        return configure(S3Client.builder().forcePathStyle(true)).build();
    }

    /** An SNS client. */
    public static SnsClient sns() {
        return configure(SnsClient.builder()).build();
    }

    /** An SQS client. */
    public static SqsClient sqs() {
        return configure(SqsClient.builder()).build();
    }

    /** A Step Functions client. */
    public static SfnClient sfn() {
        return configure(SfnClient.builder()).build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        LocalStackContainer c = container();
        builder.endpointOverride(c.getEndpoint())
                .region(Region.of(c.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(c.getAccessKey(), c.getSecretKey())));
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        return builder;
    }
}
