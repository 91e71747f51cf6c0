package dev.mlops.pipeline.capture;

import dev.mlops.pipeline.drift.WindowCounts;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The drift check's fast reader of capture lines: scans the bytes of one compact JSON object in place (no parser
 * object, no field-name strings, no boxing; a string is made only for a categorical value), parses numbers with the
 * exact fast path (at most 15 significant digits and a power of ten up to 22, where one IEEE multiplication or
 * division is correctly rounded, as {@code Double.parseDouble} is) and times as {@code Instant.toString()} writes
 * them. It answers {@code null} for anything outside that simple shape (escapes in names or values, exponents with
 * exponents, other time formats, torn lines); such a line is then read by {@link CaptureLines#countPrediction},
 * Jackson's streaming parser, so both readers agree on every line by construction. Not thread-safe: one per file
 * scan.
 */
public final class PredictionLineScanner {

    private static final double[] POWERS = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
    }

    private static final byte[] TYPE = ascii("type");
    private static final byte[] VERSION = ascii("version");
    private static final byte[] TIME = ascii("time");
    private static final byte[] PROBABILITY = ascii("probability");
    private static final byte[] INPUTS = ascii("inputs");
    private static final byte[] PREDICTION = ascii("prediction");

    private final String versionName;
    private final Instant from;
    private final Instant to;
    private final byte[] version;
    private final long fromSecond;
    private final int fromNano;
    private final long toSecond;
    private final int toNano;
    private final WindowCounts counts;
    private final WindowCounts.Row row;
    private final byte[][] features;

    private byte[] b;
    private int pos;
    private int end;
    private double number;
    private long second;
    private int nano;

    /** A scanner that counts predictions of {@code version} written in {@code [from, to)} into {@code counts}. */
    public PredictionLineScanner(String version, Instant from, Instant to, WindowCounts counts) {
        this.versionName = version;
        this.from = from;
        this.to = to;
        this.version = version.getBytes(StandardCharsets.UTF_8);
        this.fromSecond = from.getEpochSecond();
        this.fromNano = from.getNano();
        this.toSecond = to.getEpochSecond();
        this.toNano = to.getNano();
        this.counts = counts;
        this.row = counts.newRow();
        List<String> names = counts.featureNames();
        this.features = new byte[names.size()][];
        for (int i = 0; i < features.length; i++) {
            features[i] = names.get(i).getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Counts the line in {@code bytes[offset, offset + length)} when it is a prediction of the version in the
     * window, by the rules of {@link CaptureLines#countPrediction}.
     */
    public CaptureLines.Counted count(byte[] bytes, int offset, int length) {
        CaptureLines.Counted counted = scan(bytes, offset, length);
        return counted != null ? counted
                : CaptureLines.countPrediction(bytes, offset, length, versionName, from, to, counts, row);
    }

    /** The fast path alone: {@code null} when the line is not of the simple shape it reads (nothing counted). */
    CaptureLines.Counted scan(byte[] bytes, int offset, int length) {
        b = bytes;
        pos = offset;
        end = offset + length;
        row.clear();
        boolean isPrediction = false;
        boolean hasType = false;
        boolean versionMatches = false;
        boolean hasTime = false;
        double probability = Double.NaN;
        skipSpace();
        if (!take('{')) {
            return null;
        }
        skipSpace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                skipSpace();
                int keyStart = pos + 1;
                int keyEnd = plainString();
                if (keyEnd < 0) {
                    return null;
                }
                skipSpace();
                if (!take(':')) {
                    return null;
                }
                skipSpace();
                int keyLength = keyEnd - keyStart;
                if (is(keyStart, keyLength, TYPE)) {
                    int s = pos + 1;
                    int e = plainString();
                    if (e < 0) {
                        return null;
                    }
                    hasType = true;
                    isPrediction = is(s, e - s, PREDICTION);
                } else if (is(keyStart, keyLength, VERSION)) {
                    int s = pos + 1;
                    int e = plainString();
                    if (e < 0) {
                        return null;
                    }
                    versionMatches = is(s, e - s, version);
                } else if (is(keyStart, keyLength, TIME)) {
                    int s = pos + 1;
                    int e = plainString();
                    if (e < 0 || !time(s, e)) {
                        return null;
                    }
                    hasTime = true;
                } else if (is(keyStart, keyLength, PROBABILITY)) {
                    if (!number()) {
                        return null;
                    }
                    probability = number;
                } else if (is(keyStart, keyLength, INPUTS) && peek() == '{') {
                    if (!inputs()) {
                        return null;
                    }
                } else if (!skipValue(0)) {
                    return null;
                }
                skipSpace();
                if (take(',')) {
                    continue;
                }
                if (take('}')) {
                    break;
                }
                return null;
            }
        }
        skipSpace();
        if (pos != end || !hasType) {
            return null;
        }
        if (!isPrediction || !hasTime || Double.isNaN(probability)) {
            return isPrediction ? CaptureLines.Counted.MALFORMED : CaptureLines.Counted.OTHER;
        }
        boolean afterFrom = second > fromSecond || (second == fromSecond && nano >= fromNano);
        boolean beforeTo = second < toSecond || (second == toSecond && nano < toNano);
        if (!versionMatches || !afterFrom || !beforeTo) {
            return CaptureLines.Counted.OTHER;
        }
        counts.add(row, probability);
        return CaptureLines.Counted.COUNTED;
    }

    private boolean inputs() {
        pos++; // '{'
        skipSpace();
        if (take('}')) {
            return true;
        }
        int hint = 0;
        while (true) {
            skipSpace();
            int keyStart = pos + 1;
            int keyEnd = plainString();
            if (keyEnd < 0) {
                return false;
            }
            skipSpace();
            if (!take(':')) {
                return false;
            }
            skipSpace();
            int i = feature(keyStart, keyEnd - keyStart, hint);
            byte c = peek();
            if (i >= 0 && (c == '-' || (c >= '0' && c <= '9'))) {
                if (!number()) {
                    return false;
                }
                row.number(i, number);
            } else if (i >= 0 && c == '"') {
                int s = pos + 1;
                int e = plainString();
                if (e < 0) {
                    return false;
                }
                row.text(i, new String(b, s, e - s, StandardCharsets.UTF_8));
            } else if (!skipValue(0)) {
                return false;
            }
            hint = i + 1;
            skipSpace();
            if (take(',')) {
                continue;
            }
            return take('}');
        }
    }

    // Lines of one writer list the features in the same order, so the next feature is tried first.
    private int feature(int start, int length, int hint) {
        for (int k = 0; k < features.length; k++) {
            int i = (hint + k) % features.length;
            if (is(start, length, features[i])) {
                return i;
            }
        }
        return -1;
    }

    /** At a '"': moves past the closing quote, answers the end of the content, or -1 for an escape or no string. */
    private int plainString() {
        if (pos >= end || b[pos] != '"') {
            return -1;
        }
        for (int i = pos + 1; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                pos = i + 1;
                return i;
            }
            if (c == '\\' || (c >= 0 && c < 0x20)) {
                return -1;
            }
        }
        return -1;
    }

    /** Any JSON value, without looking inside: strings may hold escapes here. */
    private boolean skipValue(int depth) {
        if (pos >= end || depth > 64) {
            return false;
        }
        byte c = b[pos];
        if (c == '"') {
            for (int i = pos + 1; i < end; i++) {
                if (b[i] == '\\') {
                    i++;
                } else if (b[i] == '"') {
                    pos = i + 1;
                    return true;
                } else if (b[i] >= 0 && b[i] < 0x20) {
                    return false;
                }
            }
            return false;
        }
        if (c == '{' || c == '[') {
            char close = c == '{' ? '}' : ']';
            pos++;
            skipSpace();
            if (take(close)) {
                return true;
            }
            while (true) {
                skipSpace();
                if (c == '{') {
                    if (!skipValue(depth + 1) || b[pos - 1] != '"') {
                        return false;
                    }
                    skipSpace();
                    if (!take(':')) {
                        return false;
                    }
                    skipSpace();
                }
                if (!skipValue(depth + 1)) {
                    return false;
                }
                skipSpace();
                if (take(',')) {
                    continue;
                }
                return take(close);
            }
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        return literal("true") || literal("false") || literal("null");
    }

    private boolean literal(String word) {
        if (end - pos < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos += word.length();
        return delimiter();
    }

    /** A JSON number into {@link #number}: exact fast path, {@code Double.parseDouble} beyond it. */
    private boolean number() {
        int start = pos;
        boolean negative = take('-');
        int digitsStart = pos;
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            if (digits < 18) {
                mantissa = mantissa * 10 + (b[pos] - '0');
            }
            digits += mantissa == 0 ? 0 : 1;
            pos++;
        }
        int intDigits = pos - digitsStart;
        if (intDigits == 0 || (intDigits > 1 && b[digitsStart] == '0')) {
            return false;
        }
        if (take('.')) {
            int fractionStart = pos;
            while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (b[pos] - '0');
                    exponent--;
                }
                digits += mantissa == 0 ? 0 : 1;
                pos++;
            }
            if (pos == fractionStart) {
                return false;
            }
        }
        boolean slow = digits > 15;
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            int expStart = pos;
            while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
                pos++;
            }
            if (pos == expStart) {
                return false;
            }
            slow = true;
        }
        if (!delimiter()) {
            return false;
        }
        if (slow || exponent < -22) {
            try {
                number = Double.parseDouble(new String(b, start, pos - start, StandardCharsets.ISO_8859_1));
            } catch (NumberFormatException e) {
                return false;
            }
            return true;
        }
        double value = (double) mantissa / POWERS[-exponent];
        number = negative ? -value : value;
        return true;
    }

    private boolean delimiter() {
        if (pos >= end) {
            return true;
        }
        byte c = b[pos];
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** {@code Instant.toString()} form into {@link #second} and {@link #nano}; false for anything else. */
    private boolean time(int s, int e) {
        int n = e - s;
        if (n < 20 || b[s + 4] != '-' || b[s + 7] != '-' || b[s + 10] != 'T' || b[s + 13] != ':' || b[s + 16] != ':'
                || b[e - 1] != 'Z' || (n > 20 && (b[s + 19] != '.' || n == 21 || n > 30))) {
            return false;
        }
        int year = digits(s, s + 4);
        int month = digits(s + 5, s + 7);
        int day = digits(s + 8, s + 10);
        int hour = digits(s + 11, s + 13);
        int minute = digits(s + 14, s + 16);
        int sec = digits(s + 17, s + 19);
        if ((year | month | day | hour | minute | sec) < 0 || hour > 23 || minute > 59 || sec > 59) {
            return false;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException ex) {
            return false;
        }
        int nanos = 0;
        if (n > 20) {
            nanos = digits(s + 20, e - 1);
            if (nanos < 0) {
                return false;
            }
            for (int i = n - 21; i < 9; i++) {
                nanos *= 10;
            }
        }
        second = epochDay * 86_400L + hour * 3600L + minute * 60L + sec;
        nano = nanos;
        return true;
    }

    private int digits(int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private boolean is(int start, int length, byte[] expected) {
        if (length != expected.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[start + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private void skipSpace() {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\r' || b[pos] == '\n')) {
            pos++;
        }
    }

    private byte peek() {
        return pos < end ? b[pos] : 0;
    }

    private boolean take(char c) {
        if (pos < end && b[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
