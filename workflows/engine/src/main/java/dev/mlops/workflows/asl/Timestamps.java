package dev.mlops.workflows.asl;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Timestamps as the States Language accepts them: "an RFC3339 profile of ISO 8601, with the further restrictions
 * that an uppercase T must separate the date and time portions, and an uppercase Z must denote that a numeric time
 * zone offset is not present" (States Language, "Timestamps").
 */
public final class Timestamps {

    private static final Pattern RFC3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private Timestamps() {
    }

    /** The instant {@code text} denotes, or null when it is not such a timestamp. */
    public static Instant parse(String text) {
        if (text == null || !RFC3339.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Formats as Step Functions writes context timestamps, for example {@code 2019-03-26T20:14:13.192Z}. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }
}
