package dev.mlops.pipeline.notification;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.util.Map;

/** Publishes notifications to an SNS topic, with {@code kind} and {@code model} as message attributes. */
public final class SnsNotifier implements Notifier {

    private final SnsClient sns;
    private final String topicArn;

    public SnsNotifier(SnsClient sns, String topicArn) {
        if (topicArn == null || !topicArn.startsWith("arn:")) {
            throw new IllegalArgumentException("SNS notifier needs a topic ARN, got '" + topicArn + "'");
        }
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void send(Notification notification) {
        sns.publish(PublishRequest.builder()
                .topicArn(topicArn)
                .subject(notification.subject())
                .message(notification.text())
                .messageAttributes(Map.of(
                        "kind", attribute(notification.kind()),
                        "model", attribute(notification.model())))
                .build());
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
