package dev.mlops.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.pipeline.notification.Notification;
import dev.mlops.pipeline.notification.SnsNotifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@link SnsNotifier} publishes to a LocalStack topic; an SQS queue subscribed to it receives the SNS envelope,
 * whose subject, message and {@code kind}/{@code model} attributes are checked.
 */
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class SnsNotifierLocalStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void send_approvalRequest_arrivesWithSubjectTextAndAttributes() throws Exception {
        try (SnsClient sns = LocalStack.sns(); SqsClient sqs = LocalStack.sqs()) {
            String topicArn = sns.createTopic(b -> b.name("mlops-notifications-it")).topicArn();
            String queueUrl = sqs.createQueue(b -> b.queueName("mlops-notifications-it")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));

            new SnsNotifier(sns, topicArn).send(new Notification("credit-risk v3 waits for approval",
                    "AUC 0.81 vs champion 0.79. Approve: https://api.example/v1/approvals/abc/approve",
                    "APPROVAL_REQUESTED", "credit-risk", Map.of("approval", "https://api.example/v1/approvals/abc")));

            List<Message> messages = List.of();
            for (int i = 0; i < 10 && messages.isEmpty(); i++) {
                messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(2).maxNumberOfMessages(1)).messages();
            }
            assertFalse(messages.isEmpty(), "nothing arrived on the subscribed queue within 20 s");
            JsonNode envelope = JSON.readTree(messages.get(0).body());
            assertEquals("credit-risk v3 waits for approval", envelope.path("Subject").asText());
            assertEquals("AUC 0.81 vs champion 0.79. Approve: https://api.example/v1/approvals/abc/approve",
                    envelope.path("Message").asText());
            assertEquals("APPROVAL_REQUESTED", envelope.path("MessageAttributes").path("kind").path("Value").asText());
            assertEquals("credit-risk", envelope.path("MessageAttributes").path("model").path("Value").asText());
        }
    }
}
