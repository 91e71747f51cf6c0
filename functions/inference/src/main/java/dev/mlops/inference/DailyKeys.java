package dev.mlops.inference;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Keys of the form {@code <prefix>/dt=YYYY-MM-DD/<file>}, rebuilt only when the UTC day changes: formatting a
 * date on every prediction was a measurable share of the serving path.
 */
final class DailyKeys {

    private final String prefix;
    private final String file;
    private volatile Cached cached = new Cached(Long.MIN_VALUE, "");

    private record Cached(long epochDay, String key) {
    }

    DailyKeys(String prefix, String file) {
        this.prefix = prefix;
        this.file = file;
    }

    String at(Instant now) {
        long day = Math.floorDiv(now.getEpochSecond(), 86_400L);
        Cached current = cached;
        if (current.epochDay() != day) {
            current = new Cached(day, prefix + "/dt=" + LocalDate.ofEpochDay(day) + "/" + file);
            cached = current;
        }
        return current.key();
    }
}
