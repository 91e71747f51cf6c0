package dev.mlops.infra.monitoring;

import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

import java.util.Optional;

/**
 * The one SNS topic for approval requests, drift findings and alarms, encrypted with the artifact key (alarms
 * publish through the key, which {@code aws/sns} would not allow) and TLS-only.
 */
public final class Notifications extends Construct {

    private final Topic topic;

    /** The topic, and an e-mail subscription when {@code email} is given. */
    public Notifications(Construct scope, String id, IKey key, Optional<String> email) {
        super(scope, id);
        topic = Topic.Builder.create(this, "Topic")
                .displayName("Serverless MLOps for Java")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        email.ifPresent(address -> topic.addSubscription(new EmailSubscription(address)));
    }

    /** The topic. */
    public Topic getTopic() {
        return topic;
    }

    /** An alarm action publishing to the topic. */
    public SnsAction alarmAction() {
        return new SnsAction(topic);
    }
}
