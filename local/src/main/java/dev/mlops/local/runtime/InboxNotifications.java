package dev.mlops.local.runtime;

import dev.mlops.local.workflows.InboxNotifier;
import dev.mlops.pipeline.notification.Notification;
import dev.mlops.pipeline.notification.Notifier;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The pipeline's notifications (approval requests with their links) delivered to the local topic's inbox, where
 * the workflows' {@code sns:publish} messages go too: one inbox under MLOPS_HOME for everything the runtime tells
 * people, as one SNS topic is in AWS.
 */
final class InboxNotifications implements Notifier {

    private final InboxNotifier inbox;
    private final String topicArn;
    private final Clock clock;

    InboxNotifications(InboxNotifier inbox, String topicArn, Clock clock) {
        this.inbox = inbox;
        this.topicArn = topicArn;
        this.clock = clock;
    }

    @Override
    public void send(Notification n) {
        StringBuilder message = new StringBuilder(n.text());
        Map<String, String> links = new TreeMap<>(n.links());
        links.forEach((name, url) -> message.append('\n').append(name).append(": ").append(url));
        inbox.publish(new dev.mlops.local.workflows.Notification(UUID.randomUUID().toString(), topicArn, n.subject(),
                message.toString(), null, clock.instant()));
    }
}
