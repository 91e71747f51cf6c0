package dev.mlops.pipeline.capture;

import dev.mlops.packaging.ModelVersions;
import dev.mlops.store.ArtifactStore;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The capture of one model in the artifact store, read one object at a time (memory bounded by the largest
 * capture file, not by the window): only the {@code dt=} folders of the days the window touches are listed.
 */
public final class CaptureLog {

    private final ArtifactStore store;

    public CaptureLog(ArtifactStore store) {
        this.store = store;
    }

    /** What a scan saw besides the records it passed on. */
    public record ScanStats(long files, long lines, long skipped) {
        /** Both scans together. */
        public ScanStats plus(ScanStats other) {
            return new ScanStats(files + other.files, lines + other.lines, skipped + other.skipped);
        }
    }

    /** {@code capture/{model}/dt=YYYY-MM-DD/}. */
    public static String dayPrefix(String model, LocalDate day) {
        return "capture/" + ModelVersions.checkModel(model) + "/dt=" + day + "/";
    }

    /**
     * Passes every prediction and feedback record of {@code model} written in {@code [from, to)} to {@code sink},
     * file by file in key order.
     */
    public ScanStats scan(String model, Instant from, Instant to, Consumer<CaptureRecord> sink) {
        ScanStats total = new ScanStats(0, 0, 0);
        for (String key : keys(model, from, to)) {
            total = total.plus(scanFile(key, from, to, sink));
        }
        return total;
    }

    /**
     * Passes the records of one capture file written in {@code [from, to)} to {@code sink}. Files are independent,
     * so a caller that needs no order across files (a drift check) may scan them in parallel.
     */
    public ScanStats scanFile(String key, Instant from, Instant to, Consumer<CaptureRecord> sink) {
        return lines(key, (bytes, offset, length) -> {
            Optional<CaptureRecord> record = CaptureLines.parse(bytes, offset, length);
            if (record.isEmpty()) {
                return false;
            }
            if (!record.get().time().isBefore(from) && record.get().time().isBefore(to)) {
                sink.accept(record.get());
            }
            return true;
        });
    }

    /** Receives one line of a capture file; answers whether it was readable. */
    @FunctionalInterface
    public interface LineReader {
        boolean read(byte[] bytes, int offset, int length);
    }

    /** Passes every non-empty line of one capture file to {@code reader}; counts the unreadable ones as skipped. */
    public ScanStats lines(String key, LineReader reader) {
        long lines = 0;
        long skipped = 0;
        byte[] bytes = store.require(key).bytes();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i > start) {
                    lines++;
                    skipped += reader.read(bytes, start, i - start) ? 0 : 1;
                }
                start = i + 1;
            }
        }
        return new ScanStats(1, lines, skipped);
    }

    /** The capture files of the days {@code [from, to)} touches, in key order. */
    public List<String> keys(String model, Instant from, Instant to) {
        List<String> keys = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
            keys.addAll(store.list(dayPrefix(model, day)));
        }
        return keys;
    }
}
