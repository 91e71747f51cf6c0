package dev.mlops.workflows.asl.persist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.eval.HistoryEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Executions in a directory, one folder per execution: {@code {root}/{state machine}/{execution name}/} holding
 * {@code execution.json} (the record), {@code definition.asl.json} (when the engine had the definition's text),
 * {@code checkpoint.json} (the current top-level state and its parked task token, if any) and
 * {@code history.jsonl} (one event per line). Names are kept as they are when made of letters, digits, {@code -}
 * and {@code _}; any other byte is escaped as {@code %XX}.
 *
 * <p>Crash safety: records and checkpoints are written to a temporary file, forced to disk, then moved over the
 * old one atomically (and the folder forced), so a reader sees the old or the new file, never a torn one. History
 * lines are appended without a force each, and forced before every checkpoint; a torn last line (the JVM died while
 * appending) is ignored when reading. The folder is created first and is what reserves the name: a crash before
 * {@code execution.json} is written leaves a folder that {@link #list()} skips and whose name stays taken.
 *
 * <p>{@link Durability#FORCED} (the default) survives a power loss; {@link Durability#ATOMIC} skips the forces:
 * files are still replaced atomically, so a JVM crash or kill loses nothing written, but the operating system may
 * lose the last writes in a power loss. Forcing costs about three disk flushes per top-level state.
 */
public final class DirectoryExecutionStore implements ExecutionStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORD = "execution.json";
    private static final String DEFINITION = "definition.asl.json";
    private static final String CHECKPOINT = "checkpoint.json";
    private static final String HISTORY = "history.jsonl";

    /** Whether writes are forced to the disk. */
    public enum Durability {
        /** Force records, checkpoints and history to the disk: they survive a power loss. */
        FORCED,
        /** Atomic replaces without forcing: they survive a crash of the JVM, not necessarily of the machine. */
        ATOMIC
    }

    private final Path root;
    private final boolean isForced;
    /** The history files of running executions, kept open between appends; closed when the execution ends. */
    private final Map<String, FileChannel> histories = new ConcurrentHashMap<>();

    /** @param root the folder (created when missing), for example {@code $MLOPS_HOME/executions} */
    public DirectoryExecutionStore(Path root) {
        this(root, Durability.FORCED);
    }

    /**
     * @param root       the folder (created when missing)
     * @param durability whether writes are forced to the disk
     */
    public DirectoryExecutionStore(Path root, Durability durability) {
        this.root = root;
        this.isForced = durability == Durability.FORCED;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the execution store " + root, e);
        }
    }

    /** The store's folder. */
    public Path root() {
        return root;
    }

    @Override
    public boolean create(ExecutionRecord record) {
        Path dir = folder(record.executionArn());
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        if (record.definition() != null) {
            writeAtomically(dir.resolve(DEFINITION), record.definition().getBytes(StandardCharsets.UTF_8));
        }
        writeAtomically(dir.resolve(RECORD), bytes(toJson(record)));
        return true;
    }

    @Override
    public void update(ExecutionRecord record) {
        Path dir = folder(record.executionArn());
        force(record.executionArn());
        if (record.status() != ExecutionRecord.Status.RUNNING) {
            close(record.executionArn());
        }
        writeAtomically(dir.resolve(RECORD), bytes(toJson(record)));
    }

    @Override
    public void append(String executionArn, HistoryEvent event) {
        byte[] line = (toJson(event).toString() + "\n").getBytes(StandardCharsets.UTF_8);
        Path file = folder(executionArn).resolve(HISTORY);
        try {
            FileChannel channel = histories.get(executionArn);
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                histories.put(executionArn, channel);
            }
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    @Override
    public void checkpoint(String executionArn, Checkpoint checkpoint) {
        force(executionArn);
        writeAtomically(folder(executionArn).resolve(CHECKPOINT), bytes(toJson(checkpoint)));
    }

    @Override
    public Optional<ExecutionRecord> find(String executionArn) {
        Path dir = folder(executionArn);
        return read(dir.resolve(RECORD)).map(node -> record(node, dir));
    }

    @Override
    public List<ExecutionRecord> list() {
        List<ExecutionRecord> records = new ArrayList<>();
        try (Stream<Path> machines = Files.list(root)) {
            for (Path machine : machines.sorted().toList()) {
                if (!Files.isDirectory(machine)) {
                    continue;
                }
                try (Stream<Path> executions = Files.list(machine)) {
                    for (Path dir : executions.sorted().toList()) {
                        read(dir.resolve(RECORD)).ifPresent(node -> records.add(record(node, dir)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        records.sort(Comparator.comparing(ExecutionRecord::startDate).thenComparing(ExecutionRecord::executionArn));
        return records;
    }

    @Override
    public Optional<Checkpoint> checkpoint(String executionArn) {
        return read(folder(executionArn).resolve(CHECKPOINT)).map(DirectoryExecutionStore::checkpoint);
    }

    @Override
    public List<HistoryEvent> history(String executionArn) {
        Path file = folder(executionArn).resolve(HISTORY);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<HistoryEvent> events = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            try {
                events.add(event(JSON.readTree(lines.get(i))));
            } catch (JsonProcessingException | RuntimeException e) {
                if (i < lines.size() - 1) {
                    throw new IllegalStateException("corrupt history line " + (i + 1) + " in " + file, e);
                }
                // The JVM died while appending the last line: that event was never acted on.
            }
        }
        return events;
    }

    /** {@code {root}/{machine}/{name}} from {@code arn:aws:states:{region}:{account}:execution:{machine}:{name}}. */
    Path folder(String executionArn) {
        int at = executionArn.indexOf(":execution:");
        if (at < 0) {
            throw new IllegalArgumentException("not an execution ARN: " + executionArn);
        }
        String rest = executionArn.substring(at + ":execution:".length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not an execution ARN: " + executionArn);
        }
        return root.resolve(escape(rest.substring(0, colon))).resolve(escape(rest.substring(colon + 1)));
    }

    private static String escape(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private void writeAtomically(Path file, byte[] content) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (isForced) {
                    channel.force(true);
                }
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (isForced) {
                forceFolder(file.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Makes the rename durable; some platforms cannot open a folder for that, and then the rename is all we get. */
    private static void forceFolder(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; the atomic move still guarantees old-or-new.
        }
    }

    /** Forces the appended history lines of an execution, if this store has any open. */
    private void force(String executionArn) {
        FileChannel channel = histories.get(executionArn);
        if (!isForced || channel == null) {
            return;
        }
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force the history of " + executionArn, e);
        }
    }

    private void close(String executionArn) {
        FileChannel channel = histories.remove(executionArn);
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the history of " + executionArn, e);
        }
    }

    private static Optional<JsonNode> read(Path file) {
        try {
            return Optional.of(JSON.readTree(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode toJson(ExecutionRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("executionArn", r.executionArn());
        n.put("stateMachineName", r.stateMachineName());
        n.put("name", r.name());
        n.set("input", r.input());
        n.put("hasDefinition", r.definition() != null);
        n.put("status", r.status().name());
        n.put("startDate", r.startDate().toString());
        if (r.stopDate() != null) {
            n.put("stopDate", r.stopDate().toString());
        }
        if (r.output() != null) {
            n.set("output", r.output());
        }
        n.put("error", r.error());
        n.put("cause", r.cause());
        return n;
    }

    private static ExecutionRecord record(JsonNode n, Path dir) {
        String definition = null;
        if (n.path("hasDefinition").asBoolean()) {
            try {
                definition = Files.readString(dir.resolve(DEFINITION), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the definition of " + dir, e);
            }
        }
        return new ExecutionRecord(n.get("executionArn").asText(), n.get("stateMachineName").asText(),
                n.get("name").asText(), n.get("input"), definition, ExecutionRecord.Status.valueOf(n.get("status").asText()),
                Instant.parse(n.get("startDate").asText()), instant(n.get("stopDate")), n.get("output"),
                text(n.get("error")), text(n.get("cause")));
    }

    static ObjectNode toJson(Checkpoint c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("stateName", c.stateName());
        n.set("input", c.input());
        n.put("enteredEventId", c.enteredEventId());
        n.put("enteredTime", c.enteredTime().toString());
        n.put("retryCount", c.retryCount());
        if (c.parked() != null) {
            ObjectNode p = n.putObject("parked");
            p.put("token", c.parked().token());
            p.put("resource", c.parked().resource());
            p.put("parkedAt", c.parked().parkedAt().toString());
            p.put("timeoutAt", c.parked().timeoutAt() == null ? null : c.parked().timeoutAt().toString());
            p.put("heartbeatSeconds", c.parked().heartbeatSeconds());
        }
        if (!c.variables().isEmpty()) {
            n.set("variables", c.variables());
        }
        return n;
    }

    private static Checkpoint checkpoint(JsonNode n) {
        JsonNode p = n.get("parked");
        Checkpoint.Parked parked = p == null ? null : new Checkpoint.Parked(p.get("token").asText(),
                p.get("resource").asText(), Instant.parse(p.get("parkedAt").asText()), instant(p.get("timeoutAt")),
                p.path("heartbeatSeconds").isInt() ? p.get("heartbeatSeconds").asInt() : null);
        return new Checkpoint(n.get("stateName").asText(), n.get("input"), n.get("enteredEventId").asLong(),
                Instant.parse(n.get("enteredTime").asText()), n.get("retryCount").asInt(), parked, n.get("variables"));
    }

    static ObjectNode toJson(HistoryEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", e.id());
        n.put("previousEventId", e.previousEventId());
        n.put("timestamp", e.timestamp().toString());
        n.put("type", e.type());
        n.put("detailsName", e.detailsName());
        n.set("details", e.details());
        return n;
    }

    private static HistoryEvent event(JsonNode n) {
        return new HistoryEvent(n.get("id").asLong(), n.get("previousEventId").asLong(),
                Instant.parse(n.get("timestamp").asText()), n.get("type").asText(), text(n.get("detailsName")),
                (ObjectNode) n.get("details"));
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
