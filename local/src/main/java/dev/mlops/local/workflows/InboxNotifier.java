package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.MlopsException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The local notification topic: each message is a log line and one JSON line appended to an inbox file
 * ({@code $MLOPS_HOME/notifications.jsonl}), which the console and CLI read.
 */
public final class InboxNotifier implements Notifier {

    /** The inbox's file name under MLOPS_HOME. */
    public static final String FILE_NAME = "notifications.jsonl";

    private static final System.Logger LOG = System.getLogger(InboxNotifier.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path inbox;

    /** @param inbox the JSON-lines file; created on the first message */
    public InboxNotifier(Path inbox) {
        this.inbox = inbox;
    }

    /** The inbox under {@code home}. */
    public static InboxNotifier in(Path home) {
        return new InboxNotifier(home.resolve(FILE_NAME));
    }

    @Override
    public void publish(Notification n) {
        LOG.log(System.Logger.Level.INFO, "notification to {0}: {1}", n.topicArn(), n.subject() != null ? n.subject() : n.message());
        byte[] line = (line(n) + "\n").getBytes(StandardCharsets.UTF_8);
        // One write call per line under a lock: concurrent branches never interleave lines.
        synchronized (this) {
            try {
                Files.createDirectories(inbox.toAbsolutePath().getParent());
                Files.write(inbox, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new MlopsException("cannot append to the notification inbox " + inbox + ": " + e.getMessage(), e);
            }
        }
    }

    /** The messages in the inbox, oldest first. */
    public List<Notification> read() {
        List<Notification> all = new ArrayList<>();
        if (!Files.exists(inbox)) {
            return all;
        }
        try {
            for (String line : Files.readAllLines(inbox, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    all.add(parse(JSON.readTree(line)));
                }
            }
        } catch (IOException e) {
            throw new MlopsException("cannot read the notification inbox " + inbox + ": " + e.getMessage(), e);
        }
        return all;
    }

    private static Notification parse(JsonNode o) {
        return new Notification(o.path("messageId").asText(), o.path("topicArn").asText(), o.path("subject").textValue(),
                o.path("message").asText(), o.path("executionArn").textValue(), Instant.parse(o.path("publishedAt").asText()));
    }

    private static String line(Notification n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("messageId", n.messageId());
        o.put("topicArn", n.topicArn());
        o.put("subject", n.subject());
        o.put("message", n.message());
        o.put("executionArn", n.executionArn());
        o.put("publishedAt", n.publishedAt().toString());
        return o.toString();
    }
}
