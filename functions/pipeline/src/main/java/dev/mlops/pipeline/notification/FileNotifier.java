package dev.mlops.pipeline.notification;

import dev.mlops.Json;
import dev.mlops.MlopsException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local notifier: one JSON line per notification appended to {@code $MLOPS_HOME/notifications.jsonl}, which
 * the CLI and the console read. Appends take a file lock, so two processes never interleave a line.
 */
public final class FileNotifier implements Notifier {

    private final Path file;
    private final Clock clock;

    public FileNotifier(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public void send(Notification notification) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("kind", notification.kind());
        line.put("model", notification.model());
        line.put("subject", notification.subject());
        line.put("text", notification.text());
        line.put("links", new java.util.TreeMap<>(notification.links()));
        byte[] bytes = (Json.compact(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND); FileLock lock = channel.lock()) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
            }
        } catch (IOException e) {
            throw new MlopsException("cannot append a notification to " + file + ": " + e.getMessage(), e);
        }
    }
}
