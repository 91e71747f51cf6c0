package dev.mlops.local.workflows;

import java.time.Instant;
import java.util.Objects;

/**
 * One message published to a topic.
 *
 * @param messageId    the id SNS would give it
 * @param topicArn     the topic
 * @param subject      the subject, or null
 * @param message      the message text (a JSON object in the state machine arrives here as its JSON text, as SNS
 *                     sends it)
 * @param executionArn the execution that published it
 * @param publishedAt  when, on the execution's clock
 */
public record Notification(String messageId, String topicArn, String subject, String message, String executionArn,
                           Instant publishedAt) {

    public Notification {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(topicArn, "topicArn");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }
}
