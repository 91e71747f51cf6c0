package dev.mlops.local.workflows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The local SNS inbox: one JSON line per message under MLOPS_HOME, read back in order. */
class InboxNotifierTest {

    @TempDir
    Path home;

    @Test
    void publish_appendsLines_readBackInOrder() {
        InboxNotifier inbox = InboxNotifier.in(home);
        Notification first = new Notification("m-1", "arn:aws:sns:local:000000000000:mlops-notifications", "subject",
                "{\"event\":\"PROMOTED\"}", "arn:e", Instant.parse("2026-11-27T10:00:00Z"));
        Notification second = new Notification("m-2", first.topicArn(), null, "plain text", "arn:e", first.publishedAt());

        inbox.publish(first);
        inbox.publish(second);

        assertEquals(List.of(first, second), InboxNotifier.in(home).read());
        assertEquals(home.resolve("notifications.jsonl"), home.resolve(InboxNotifier.FILE_NAME));
    }
}
