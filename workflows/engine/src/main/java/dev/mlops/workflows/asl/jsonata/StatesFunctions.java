package dev.mlops.workflows.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The functions Step Functions adds to JSONata ({@code $partition}, {@code $range}, {@code $hash}, {@code $random},
 * {@code $uuid}, {@code $parse}), with their argument checks; {@code $now()} / {@code $millis()} read from the
 * execution's clock (virtual in tests) instead of the wall clock; and replacements for the library functions that
 * answer otherwise than jsonata-js 2.0.6: {@code $substring} (code points, as JavaScript's Array.from; the library
 * fails or miscounts on characters outside the BMP), {@code $encodeUrl} (JavaScript's encodeURI; the library
 * encodes as a form, {@code a b} to {@code a+b}, and escapes reserved characters), {@code $decodeUrl} and
 * {@code $decodeUrlComponent} (decodeURI / decodeURIComponent; the library turns {@code +} into a space).
 */
final class StatesFunctions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> HASHES = Map.of("MD5", "MD5", "SHA-1", "SHA-1", "SHA-256", "SHA-256",
            "SHA-384", "SHA-384", "SHA-512", "SHA-512");
    /** A guard against exhausting memory; any range near it is far beyond the 256 KiB payload limit anyway. */
    static final long MAX_RANGE = 1_000_000;

    private final RandomGenerator random;
    private final Jsonata.JFunction partition = function(this::partition);
    private final Jsonata.JFunction range = function(this::range);
    private final Jsonata.JFunction hash = function(this::hash);
    private final Jsonata.JFunction randomFn = function(this::random);
    private final Jsonata.JFunction uuid = function(this::uuid);
    private final Jsonata.JFunction parse = function(this::parse);
    private final Jsonata.JFunction substring = function(StatesFunctions::substring);
    private final Jsonata.JFunction encodeUrl = function(StatesFunctions::encodeUrl);
    private final Jsonata.JFunction decodeUrl = function(args -> decode("decodeUrl", args, ";/?:@&=+$,#"));
    private final Jsonata.JFunction decodeUrlComponent = function(args -> decode("decodeUrlComponent", args, ""));

    StatesFunctions(RandomGenerator random) {
        this.random = random;
    }

    /** A failed argument check; the cause names the function and what it expected. */
    static final class FunctionError extends RuntimeException {
        FunctionError(String message) {
            super(message);
        }
    }

    /** Binds {@code name} when it is one of these functions; false otherwise. */
    boolean bind(Jsonata.Frame frame, String name, Bindings bindings) {
        Jsonata.JFunction f = switch (name) {
            case "partition" -> partition;
            case "range" -> range;
            case "hash" -> hash;
            case "random" -> randomFn;
            case "uuid" -> uuid;
            case "parse" -> parse;
            case "now" -> function(args -> now(bindings, args));
            case "eval" -> function(args -> {
                throw new FunctionError("$eval is not available in Step Functions; use $parse to read JSON text");
            });
            case "substring" -> substring;
            case "encodeUrl" -> encodeUrl;
            case "decodeUrl" -> decodeUrl;
            case "decodeUrlComponent" -> decodeUrlComponent;
            case "millis" -> function(args -> {
                arity("millis", args, 0, 0);
                return bindings.now().toEpochMilli();
            });
            default -> null;
        };
        if (f == null) {
            return false;
        }
        frame.bind(name, f);
        return true;
    }

    private interface Body {
        Object apply(List<Object> args);
    }

    private static Jsonata.JFunction function(Body body) {
        return new Jsonata.JFunction((input, args) -> body.apply(args == null ? List.of() : args), null);
    }

    private static void arity(String name, List<Object> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new FunctionError("$" + name + " takes " + (min == max ? String.valueOf(min) : min + " to " + max)
                    + " argument" + (max == 1 ? "" : "s") + ", got " + args.size());
        }
    }

    private static long integer(String name, String what, Object value) {
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || Double.isInfinite(n.doubleValue())) {
            throw new FunctionError("$" + name + ": the " + what + " must be an integer, got " + describe(value));
        }
        return n.longValue();
    }

    private static String describe(Object value) {
        return value == null ? "undefined" : value == Jsonata.NULL_VALUE ? "null" : Functions.string(value, false);
    }

    /** {@code $partition(array, size)}: the array cut into arrays of {@code size} items (the last may be shorter). */
    private Object partition(List<Object> args) {
        arity("partition", args, 2, 2);
        if (!(args.get(0) instanceof List<?> items)) {
            throw new FunctionError("$partition: the first argument must be an array, got " + describe(args.get(0)));
        }
        long size = integer("partition", "chunk size", args.get(1));
        if (size < 1) {
            throw new FunctionError("$partition: the chunk size must be a positive integer, got " + size);
        }
        List<Object> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += (int) size) {
            chunks.add(new ArrayList<>(items.subList(i, (int) Math.min(items.size(), i + size))));
        }
        return chunks;
    }

    /** {@code $range(start, end, step)}: start, start + step, ... up to and including end. */
    private Object range(List<Object> args) {
        arity("range", args, 3, 3);
        long start = integer("range", "start", args.get(0));
        long end = integer("range", "end", args.get(1));
        long step = integer("range", "step", args.get(2));
        if (step == 0) {
            throw new FunctionError("$range: the step must not be 0");
        }
        List<Object> values = new ArrayList<>();
        if ((step > 0 && start > end) || (step < 0 && start < end)) {
            return values;
        }
        long count = (end - start) / step + 1;
        if (count > MAX_RANGE) {
            throw new FunctionError("$range: the range has " + count + " values, more than this engine's limit of "
                    + MAX_RANGE);
        }
        for (long i = 0; i < count; i++) {
            values.add(start + i * step);
        }
        return values;
    }

    /** {@code $hash(string, algorithm)}: the hex digest; MD5, SHA-1, SHA-256, SHA-384 or SHA-512. */
    private Object hash(List<Object> args) {
        arity("hash", args, 2, 2);
        if (!(args.get(0) instanceof String data)) {
            throw new FunctionError("$hash: the first argument must be a string, got " + describe(args.get(0)));
        }
        String algorithm = args.get(1) instanceof String s ? HASHES.get(s) : null;
        if (algorithm == null) {
            throw new FunctionError("$hash: the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, got "
                    + describe(args.get(1)));
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has " + algorithm, e);
        }
    }

    /** {@code $random([seed])}: a number in [0, 1); with a seed, the same number for the same seed. */
    private Object random(List<Object> args) {
        arity("random", args, 0, 1);
        if (args.isEmpty()) {
            return random.nextDouble();
        }
        return new SplittableRandom(integer("random", "seed", args.get(0))).nextDouble();
    }

    /** {@code $uuid()}: a version 4 UUID. */
    private Object uuid(List<Object> args) {
        arity("uuid", args, 0, 0);
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (bytes[i] & 0xff);
            lsb = (lsb << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    /** {@code $parse(string)}: the JSON value the string holds. */
    private Object parse(List<Object> args) {
        arity("parse", args, 1, 1);
        if (!(args.get(0) instanceof String text)) {
            throw new FunctionError("$parse: the argument must be a string, got " + describe(args.get(0)));
        }
        try {
            return JsonataValues.toJava(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new FunctionError("$parse: the argument is not JSON: " + e.getOriginalMessage());
        }
    }

    /** {@code $now([picture [, timezone]])} at the state's time, in JavaScript's toISOString form by default. */
    private static Object now(Bindings bindings, List<Object> args) {
        arity("now", args, 0, 2);
        if (args.isEmpty()) {
            return DateTimeFormatter.ISO_INSTANT.format(bindings.now().truncatedTo(ChronoUnit.MILLIS))
                    .replaceFirst("(\\d\\d:\\d\\d:\\d\\d)Z$", "$1.000Z");
        }
        String picture = args.get(0) instanceof String s ? s : null;
        String zone = args.size() > 1 && args.get(1) instanceof String s ? s : null;
        return Functions.dateTimeFromMillis(bindings.now().toEpochMilli(), picture, zone);
    }

    /** jsonata-js's $substring: positions count code points; a negative start counts from the end. */
    private static Object substring(List<Object> args) {
        arity("substring", args, 2, 3);
        if (args.get(0) == null) {
            return null;
        }
        if (!(args.get(0) instanceof String text) || !(args.get(1) instanceof Number startNumber)
                || (args.size() == 3 && args.get(2) != null && !(args.get(2) instanceof Number))) {
            throw new FunctionError("T0410: Argument " + (args.get(0) instanceof String ? 2 : 1)
                    + " of function \"substring\" does not match function signature");
        }
        int[] points = text.codePoints().toArray();
        int length = points.length;
        int start = (int) Math.round(startNumber.doubleValue());
        if (length + start < 0) {
            start = 0;
        }
        int from = start < 0 ? length + start : Math.min(start, length);
        int to = length;
        if (args.size() == 3 && args.get(2) != null) {
            int count = (int) Math.round(((Number) args.get(2)).doubleValue());
            if (count <= 0) {
                return "";
            }
            to = Math.min(length, Math.max(from, start >= 0 ? start + count : length + start + count));
        }
        return from >= to ? "" : new String(points, from, to - from);
    }

    /** JavaScript's encodeURI: UTF-8 percent-escapes except letters, digits and {@code ;,/?:@&=+$-_.!~*'()#}. */
    private static Object encodeUrl(List<Object> args) {
        arity("encodeUrl", args, 1, 1);
        if (args.get(0) == null) {
            return null;
        }
        String text = String.valueOf(args.get(0));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ";,/?:@&=+$-_.!~*'()#".indexOf(c) >= 0) {
                out.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? i + 2 : i + 1;
            if (Character.isSurrogate(c) && end == i + 1) {
                throw new FunctionError("D3140: Malformed URL passed to $encodeUrl(): \"" + text + "\"");
            }
            for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
            i = end - 1;
        }
        return out.toString();
    }

    /** JavaScript's decodeURI ({@code keep}: the characters whose escapes stay) or decodeURIComponent. */
    private static Object decode(String name, List<Object> args, String keep) {
        arity(name, args, 1, 1);
        if (args.get(0) == null) {
            return null;
        }
        String text = String.valueOf(args.get(0));
        StringBuilder out = new StringBuilder();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '%') {
                out.append(text.charAt(i++));
                continue;
            }
            int start = i;
            bytes.reset();
            while (i < text.length() && text.charAt(i) == '%') {
                if (i + 2 >= text.length()) {
                    throw new FunctionError("D3140: Malformed URL passed to $" + name + "(): \"" + text + "\"");
                }
                try {
                    bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                } catch (NumberFormatException | IndexOutOfBoundsException e) {
                    throw new FunctionError("D3140: Malformed URL passed to $" + name + "(): \"" + text + "\"");
                }
                i += 3;
            }
            java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
            String decoded;
            try {
                decoded = decoder.decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new FunctionError("D3140: Malformed URL passed to $" + name + "(): \"" + text + "\"");
            }
            if (keep.isEmpty()) {
                out.append(decoded);
            } else {
                // decodeURI leaves the escape of a reserved character as written.
                int at = start;
                for (int k = 0; k < decoded.length(); k++) {
                    char ch = decoded.charAt(k);
                    int width = new String(new char[]{ch}).getBytes(StandardCharsets.UTF_8).length;
                    if (Character.isHighSurrogate(ch)) {
                        width = decoded.substring(k, k + 2).getBytes(StandardCharsets.UTF_8).length;
                        out.append(decoded, k, k + 2);
                        k++;
                    } else if (keep.indexOf(ch) >= 0) {
                        out.append(text, at, at + 3);
                    } else {
                        out.append(ch);
                    }
                    at += 3 * width;
                }
            }
        }
        return out.toString();
    }
}
