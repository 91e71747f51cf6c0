package dev.mlops.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.constructs.Construct;

import java.util.List;

/**
 * The ECR repository of the Java trainer image. A stack of its own because the image must exist before the main
 * stack's job definitions can pin its digest: deploy this, push with jib, then deploy {@link MlopsStack}.
 */
public final class ImagesStack extends Stack {

    /** The repository name, fixed so the main stack can refer to it without a cross-stack export. */
    public static final String TRAINER_REPOSITORY = "mlops-trainer";

    private final Repository trainer;

    /** The repository: immutable tags, scan on push, untagged images expire after 30 days. */
    public ImagesStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        trainer = Repository.Builder.create(this, "TrainerRepository")
                .repositoryName(TRAINER_REPOSITORY)
                .imageTagMutability(TagMutability.IMMUTABLE)
                .imageScanOnPush(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .description("untagged images are garbage once no job definition pins them")
                        .tagStatus(software.amazon.awscdk.services.ecr.TagStatus.UNTAGGED)
                        .maxImageAge(Duration.days(30)).build()))
                // registered models name their trainer image: keep it when the stack goes
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    /** The trainer repository's name. */
    public String getTrainerRepositoryName() {
        return TRAINER_REPOSITORY;
    }

    /** The trainer repository. */
    public Repository getTrainerRepository() {
        return trainer;
    }
}
