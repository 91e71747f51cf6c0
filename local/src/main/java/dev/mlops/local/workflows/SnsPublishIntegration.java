package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.eval.TaskHandler;
import dev.mlops.workflows.asl.eval.TaskRequest;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code arn:aws:states:::sns:publish} to a {@link Notifier}: {@code TopicArn}, {@code Message} (a JSON value other
 * than a string is sent as its JSON text), optional {@code Subject}; returns {@code {"MessageId": ...}}.
 */
final class SnsPublishIntegration implements TaskHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Notifier notifier;
    private final Supplier<String> ids;

    SnsPublishIntegration(Notifier notifier, Supplier<String> ids) {
        this.notifier = notifier;
        this.ids = ids;
    }

    SnsPublishIntegration(Notifier notifier) {
        this(notifier, () -> UUID.randomUUID().toString());
    }

    @Override
    public JsonNode invoke(TaskRequest request) {
        JsonNode p = request.input();
        JsonNode topic = p.path("TopicArn");
        JsonNode message = p.path("Message");
        if (!topic.isTextual()) {
            throw new AslError("SNS.InvalidParameterException", "Invalid parameter: TopicArn must be a string, got " + topic);
        }
        if (message.isMissingNode() || message.isNull()) {
            throw new AslError("SNS.InvalidParameterException", "Invalid parameter: Empty message");
        }
        String text = message.isTextual() ? message.textValue() : message.toString();
        JsonNode subject = p.path("Subject");
        String id = ids.get();
        notifier.publish(new Notification(id, topic.textValue(), subject.isTextual() ? subject.textValue() : null, text,
                request.executionArn(), request.clock().now()));
        ObjectNode result = JSON.createObjectNode();
        result.put("MessageId", id);
        return result;
    }
}
