package dev.mlops.workflows.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * Converts between Jackson trees and the values com.dashjoin:jsonata works on (maps, lists, strings, numbers,
 * booleans, {@link Jsonata#NULL_VALUE} for JSON null, Java null for JSONata's undefined).
 */
final class JsonataValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** jsonata-js numbers are doubles: integers beyond 2^53 lose precision there too. */
    private static final double MAX_EXACT = 9_007_199_254_740_991.0;

    private JsonataValues() {
    }

    /**
     * The library's value for a JSON node. Objects and arrays become read-only views that convert a member only
     * when an expression reads it: a Map iteration's context holds the whole execution input, and converting it
     * eagerly for every iteration made Maps quadratic.
     */
    static Object toJava(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        if (node.isNull()) {
            return Jsonata.NULL_VALUE;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            return new ArrayView(node);
        }
        return new ObjectView(node);
    }

    /** A JSON object as the library reads it: {@code get} converts one member, iteration converts all once. */
    static final class ObjectView extends AbstractMap<String, Object> {
        private final JsonNode node;
        private Map<String, Object> members;

        ObjectView(JsonNode node) {
            this.node = node;
        }

        @Override
        public Object get(Object key) {
            if (members != null) {
                return members.get(key);
            }
            return key instanceof String name ? toJava(node.get(name)) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && node.has(name);
        }

        @Override
        public int size() {
            return node.size();
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            if (members == null) {
                Map<String, Object> all = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    all.put(e.getKey(), toJava(e.getValue()));
                }
                members = Collections.unmodifiableMap(all);
            }
            return members.entrySet();
        }
    }

    /** A JSON array as the library reads it; items convert when read. */
    static final class ArrayView extends AbstractList<Object> implements RandomAccess {
        private final JsonNode node;
        private final Object[] items;

        ArrayView(JsonNode node) {
            this.node = node;
            this.items = new Object[node.size()];
        }

        @Override
        public Object get(int index) {
            Object item = items[index];
            if (item == null) {
                item = toJava(node.get(index));
                items[index] = item;
            }
            return item;
        }

        @Override
        public int size() {
            return items.length;
        }
    }

    /**
     * The JSON form of a result, as jsonata-js's result would serialise: undefined (null here) stays null, object
     * fields and array items that are undefined or functions are dropped (JSON.stringify drops them), and integral
     * doubles become integers (the library computes some integers as doubles; JavaScript prints them as integers).
     */
    static JsonNode toJson(Object value) {
        if (value == null || isFunction(value)) {
            return null;
        }
        if (value == Jsonata.NULL_VALUE) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Number n) {
            return number(n);
        }
        if (value instanceof ObjectView view) {
            return view.node;
        }
        if (value instanceof ArrayView view) {
            return view.node;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                JsonNode v = toJson(e.getValue());
                if (v != null) {
                    object.set(String.valueOf(e.getKey()), v);
                }
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object item : list) {
                JsonNode v = toJson(item);
                // JSON.stringify writes undefined and functions inside arrays as null.
                array.add(v == null ? NODES.nullNode() : v);
            }
            return array;
        }
        return NODES.textNode(String.valueOf(value));
    }

    static boolean isFunction(Object value) {
        return value instanceof Jsonata.JFunction || value instanceof Jsonata.JFunctionCallable
                || value.getClass().getName().startsWith("com.dashjoin.jsonata.Parser$Symbol");
    }

    private static JsonNode number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            long v = n.longValue();
            return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
        }
        if (n instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("a number that is not finite (" + d + ") has no JSON form");
        }
        if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT && !(d == 0.0 && 1 / d < 0)) {
            long v = (long) d;
            return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            // JSON.stringify writes integral doubles below 1e21 in full (100000000000000000000), not as 1.0E20.
            return NODES.numberNode(new BigDecimal(d).toBigInteger());
        }
        if (n instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        return NODES.numberNode(d);
    }

    /** JSONata's name for the type of a JSON value, as {@code $type} answers. */
    static String typeName(JsonNode node) {
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return "null";
    }
}
