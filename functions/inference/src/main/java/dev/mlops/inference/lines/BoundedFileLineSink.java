package dev.mlops.inference.lines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local sink: a bounded queue drained by one writer thread that appends lines to files under a root
 * folder (the filesystem store's root, so capture files sit at the same keys as in S3). A full queue drops the
 * line and counts it; the request thread never waits for the disk.
 */
public final class BoundedFileLineSink implements LineSink {

    private record Line(String key, String text) {
    }

    private static final Line STOP = new Line("", "");

    private final Path root;
    private final BlockingQueue<Line> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    /**
     * @param capacity lines that may wait for the writer; beyond that, lines are dropped and counted
     */
    public BoundedFileLineSink(Path root, int capacity) {
        this.root = root;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::drain, "line-sink-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public boolean offer(String key, String line) {
        if (closed || !queue.offer(new Line(key, line))) {
            dropped.incrementAndGet();
            return false;
        }
        accepted.incrementAndGet();
        return true;
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    /** Lines written to disk since start. */
    public long written() {
        return written.get();
    }

    /** Waits until every line offered so far is on disk (tests, and before a clean shutdown). */
    public void flush() {
        long target = accepted.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (processed.get() < target && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        Map<String, Writer> open = new HashMap<>();
        List<Line> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch);
                boolean stop = write(batch, open);
                batch.clear();
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.values().forEach(BoundedFileLineSink::closeQuietly);
        }
    }

    private boolean write(List<Line> batch, Map<String, Writer> open) {
        boolean stop = false;
        for (Line line : batch) {
            if (line == STOP) {
                stop = true;
                continue;
            }
            try {
                Writer out = open.computeIfAbsent(line.key(), this::openAppend);
                out.write(line.text());
                out.write('\n');
                written.incrementAndGet();
            } catch (IOException | UncheckedIOException e) {
                // The disk refused the line: it is lost, and counted like any other drop.
                dropped.incrementAndGet();
            }
        }
        for (Writer out : open.values()) {
            try {
                out.flush();
            } catch (IOException e) {
                dropped.incrementAndGet();
            }
        }
        processed.addAndGet(stop ? batch.size() - 1 : batch.size());
        return stop;
    }

    private Writer openAppend(String key) {
        try {
            Path file = root.resolve(key);
            Files.createDirectories(file.getParent());
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(Writer writer) {
        try {
            writer.close();
        } catch (IOException ignored) {
            // Closing after the last flush: nothing left to lose.
        }
    }
}
