package dev.mlops.pipeline.drift;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The window a scheduled check covers: the period of a {@code rate(...)} schedule, one day for {@code cron(...)}. */
public final class Schedules {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    private Schedules() {
    }

    /** The period between two runs of {@code schedule}. */
    public static Duration period(String schedule) {
        Matcher m = RATE.matcher(schedule.strip());
        if (!m.matches()) {
            // A cron expression's period is not one number; the drift policies here run daily.
            return Duration.ofDays(1);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
