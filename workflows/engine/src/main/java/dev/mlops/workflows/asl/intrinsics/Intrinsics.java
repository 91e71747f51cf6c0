package dev.mlops.workflows.asl.intrinsics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.StatesErrors;
import dev.mlops.workflows.asl.model.Intrinsic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.StringTokenizer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Evaluates intrinsic function calls. Path arguments are resolved by the caller-supplied resolver (effective input
 * for {@code $}, context object for {@code $$}); randomness (MathRandom without a seed, UUID) comes from the
 * injected generator so that runs can be reproduced.
 */
public final class Intrinsics {

    /** "Input strings can contain up to 10,000 characters" (Base64Encode, Base64Decode, Hash). */
    private static final int MAX_STRING = 10_000;
    /** ArrayRange: "The array ... can contain a maximum of 1000 items". */
    private static final int MAX_RANGE = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RandomGenerator random;

    /** @param random the source of MathRandom (without a seed) and UUID values */
    public Intrinsics(RandomGenerator random) {
        this.random = random;
    }

    /**
     * Evaluates a call.
     *
     * @param paths resolves a path argument; it throws {@code States.Runtime} when the path finds nothing
     * @throws AslError {@code States.IntrinsicFailure} when an argument is of the wrong type or out of range
     */
    public JsonNode evaluate(Intrinsic.Call call, Function<dev.mlops.workflows.asl.path.JsonPath, JsonNode> paths) {
        List<JsonNode> args = new ArrayList<>(call.arguments().size());
        for (Intrinsic a : call.arguments()) {
            args.add(argument(a, paths));
        }
        String name = call.function().aslName();
        return switch (call.function()) {
            case FORMAT -> format(call, args);
            case STRING_TO_JSON -> stringToJson(name, args);
            case JSON_TO_STRING -> {
                arity(name, args, 1, 1);
                yield NODES.textNode(serialise(args.get(0)));
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode(args.size());
                array.addAll(args);
                yield array;
            }
            case ARRAY_PARTITION -> arrayPartition(name, args);
            case ARRAY_CONTAINS -> {
                arity(name, args, 2, 2);
                ArrayNode array = array(name, args, 0);
                boolean found = false;
                for (JsonNode item : array) {
                    found |= item.equals(args.get(1));
                }
                yield NODES.booleanNode(found);
            }
            case ARRAY_RANGE -> arrayRange(name, args);
            case ARRAY_GET_ITEM -> {
                arity(name, args, 2, 2);
                ArrayNode array = array(name, args, 0);
                long index = integer(name, args, 1);
                if (index < 0 || index >= array.size()) {
                    throw failure(name, "the index " + index + " is out of bounds for an array of " + array.size() + " items");
                }
                yield array.get((int) index);
            }
            case ARRAY_LENGTH -> {
                arity(name, args, 1, 1);
                yield NODES.numberNode(array(name, args, 0).size());
            }
            case ARRAY_UNIQUE -> {
                arity(name, args, 1, 1);
                ArrayNode unique = NODES.arrayNode();
                unique.addAll(new LinkedHashSet<>(toList(array(name, args, 0))));
                yield unique;
            }
            case BASE64_ENCODE -> {
                arity(name, args, 1, 1);
                String text = limited(name, args, 0);
                yield NODES.textNode(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
            }
            case BASE64_DECODE -> {
                arity(name, args, 1, 1);
                String text = limited(name, args, 0);
                try {
                    yield NODES.textNode(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw failure(name, "the argument is not valid Base64: " + e.getMessage());
                }
            }
            case HASH -> hash(name, args);
            case JSON_MERGE -> jsonMerge(name, args);
            case MATH_RANDOM -> mathRandom(name, args);
            case MATH_ADD -> {
                arity(name, args, 2, 2);
                yield number(int32(name, args, 0) + int32(name, args, 1));
            }
            case STRING_SPLIT -> {
                arity(name, args, 2, 2);
                String text = string(name, args, 0);
                String delimiters = string(name, args, 1);
                // Every character of the second argument is a delimiter, and empty pieces are dropped: the
                // developer guide splits "This.is+a,test=string" on ".+,=" into five words.
                ArrayNode parts = NODES.arrayNode();
                StringTokenizer tokens = new StringTokenizer(text, delimiters);
                while (tokens.hasMoreTokens()) {
                    parts.add(tokens.nextToken());
                }
                yield parts;
            }
            case UUID -> {
                arity(name, args, 0, 0);
                yield NODES.textNode(uuid().toString());
            }
        };
    }

    private JsonNode argument(Intrinsic a, Function<dev.mlops.workflows.asl.path.JsonPath, JsonNode> paths) {
        return a.accept(new Intrinsic.Visitor<JsonNode>() {
            @Override
            public JsonNode visitCall(Intrinsic.Call call) {
                return evaluate(call, paths);
            }

            @Override
            public JsonNode visitLiteral(Intrinsic.Literal literal) {
                return literal.value();
            }

            @Override
            public JsonNode visitPath(Intrinsic.PathArgument path) {
                return paths.apply(path.path());
            }
        });
    }

    private static JsonNode format(Intrinsic.Call call, List<JsonNode> args) {
        String name = call.function().aslName();
        if (args.isEmpty()) {
            throw failure(name, "expected a template string and its arguments");
        }
        String template = string(name, args, 0);
        Intrinsic first = call.arguments().get(0);
        if (first instanceof Intrinsic.Literal l && l.braceEscaped() != null) {
            template = l.braceEscaped();
        }
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length() && (template.charAt(i + 1) == '{' || template.charAt(i + 1) == '}')) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                used++;
                if (used >= args.size()) {
                    throw failure(name, "the template has more {} placeholders than the " + (args.size() - 1)
                            + " arguments given");
                }
                JsonNode value = args.get(used);
                if (value.isContainerNode()) {
                    throw failure(name, "argument " + (used + 1) + " must be a string, number, boolean or null, got "
                            + serialise(value));
                }
                out.append(value.isTextual() ? value.textValue() : value.toString());
                i++;
            } else {
                out.append(c);
            }
        }
        if (used != args.size() - 1) {
            throw failure(name, "the template has " + used + " {} placeholders but " + (args.size() - 1)
                    + " arguments were given");
        }
        return NODES.textNode(out.toString());
    }

    private static JsonNode stringToJson(String name, List<JsonNode> args) {
        arity(name, args, 1, 1);
        String text = string(name, args, 0);
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw failure(name, "the argument is not JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode arrayPartition(String name, List<JsonNode> args) {
        arity(name, args, 2, 2);
        ArrayNode array = array(name, args, 0);
        long size = integer(name, args, 1);
        if (size <= 0) {
            throw failure(name, "the chunk size must be a positive integer, got " + size);
        }
        ArrayNode chunks = NODES.arrayNode();
        ArrayNode chunk = null;
        for (int i = 0; i < array.size(); i++) {
            if (i % size == 0) {
                chunk = chunks.addArray();
            }
            chunk.add(array.get(i));
        }
        return chunks;
    }

    private static JsonNode arrayRange(String name, List<JsonNode> args) {
        arity(name, args, 3, 3);
        long start = integer(name, args, 0);
        long end = integer(name, args, 1);
        long step = integer(name, args, 2);
        if (step == 0) {
            throw failure(name, "the step must not be 0");
        }
        long count = (end - start) / step + 1;
        if (count > MAX_RANGE) {
            throw failure(name, "the range would have " + count + " items; at most " + MAX_RANGE + " are allowed");
        }
        ArrayNode range = NODES.arrayNode();
        for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
            range.add(number(v));
        }
        return range;
    }

    private static JsonNode hash(String name, List<JsonNode> args) {
        arity(name, args, 2, 2);
        JsonNode data = args.get(0);
        String text = data.isTextual() ? data.textValue() : serialise(data);
        if (text.length() > MAX_STRING) {
            throw failure(name, "the data has " + text.length() + " characters; at most " + MAX_STRING + " are allowed");
        }
        String algorithm = string(name, args, 1);
        if (!List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512").contains(algorithm)) {
            throw failure(name, "the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512; got '" + algorithm + "'");
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
            return NODES.textNode(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides " + algorithm, e);
        }
    }

    private static JsonNode jsonMerge(String name, List<JsonNode> args) {
        arity(name, args, 3, 3);
        for (int i = 0; i < 2; i++) {
            if (!args.get(i).isObject()) {
                throw failure(name, "argument " + (i + 1) + " must be a JSON object, got " + serialise(args.get(i)));
            }
        }
        JsonNode deep = args.get(2);
        if (!deep.isBoolean()) {
            throw failure(name, "the third argument must be a boolean, got " + serialise(deep));
        }
        if (deep.booleanValue()) {
            // The developer guide: "States.JsonMerge ... deep merging mode isn't supported", the flag must be false.
            throw failure(name, "deep merging is not supported; the third argument must be false");
        }
        ObjectNode merged = NODES.objectNode();
        merged.setAll((ObjectNode) args.get(0));
        merged.setAll((ObjectNode) args.get(1));
        return merged;
    }

    private JsonNode mathRandom(String name, List<JsonNode> args) {
        arity(name, args, 2, 3);
        long start = int32(name, args, 0);
        long end = int32(name, args, 1);
        if (end <= start) {
            throw failure(name, "the end (" + end + ") must be greater than the start (" + start + ")");
        }
        RandomGenerator source = args.size() == 3 ? new Random(int32(name, args, 2)) : random;
        // The start is inclusive and the end exclusive.
        return number(start + source.nextLong(end - start));
    }

    private java.util.UUID uuid() {
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
        return new java.util.UUID(msb, lsb);
    }

    /** An int node when the value fits, as Jackson reads such numbers, so that results compare equal to parsed JSON. */
    private static JsonNode number(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    private static void arity(String name, List<JsonNode> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            String expected = min == max ? String.valueOf(min) : min + " to " + max;
            throw failure(name, "expected " + expected + " arguments, got " + args.size());
        }
    }

    private static ArrayNode array(String name, List<JsonNode> args, int i) {
        JsonNode v = args.get(i);
        if (!v.isArray()) {
            throw failure(name, "argument " + (i + 1) + " must be an array, got " + serialise(v));
        }
        return (ArrayNode) v;
    }

    private static String string(String name, List<JsonNode> args, int i) {
        JsonNode v = args.get(i);
        if (!v.isTextual()) {
            throw failure(name, "argument " + (i + 1) + " must be a string, got " + serialise(v));
        }
        return v.textValue();
    }

    private static String limited(String name, List<JsonNode> args, int i) {
        String text = string(name, args, i);
        if (text.length() > MAX_STRING) {
            throw failure(name, "the input has " + text.length() + " characters; at most " + MAX_STRING + " are allowed");
        }
        return text;
    }

    private static long integer(String name, List<JsonNode> args, int i) {
        JsonNode v = args.get(i);
        if (!v.isNumber() || !isWhole(v)) {
            throw failure(name, "argument " + (i + 1) + " must be an integer, got " + serialise(v));
        }
        return v.longValue();
    }

    /** MathAdd and MathRandom take 32-bit integers ("between -2147483648 and 2147483647"). */
    private static long int32(String name, List<JsonNode> args, int i) {
        long v = integer(name, args, i);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw failure(name, "argument " + (i + 1) + " must be between -2147483648 and 2147483647, got " + v);
        }
        return v;
    }

    private static boolean isWhole(JsonNode v) {
        return v.isIntegralNumber() || v.decimalValue().stripTrailingZeros().scale() <= 0;
    }

    private static List<JsonNode> toList(ArrayNode array) {
        List<JsonNode> list = new ArrayList<>(array.size());
        array.forEach(list::add);
        return list;
    }

    private static String serialise(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static AslError failure(String function, String cause) {
        return new AslError(StatesErrors.INTRINSIC_FAILURE, "Invalid arguments in " + function + ": " + cause);
    }
}
