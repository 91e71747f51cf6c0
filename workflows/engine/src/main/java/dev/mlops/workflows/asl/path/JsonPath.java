package dev.mlops.workflows.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled JSONPath. Step Functions evaluates paths with Jayway JsonPath semantics: a definite path (a reference
 * path here) yields one node or nothing, an indefinite one (wildcard, slice, union, deep scan, filter) yields the
 * list of its matches, possibly empty. {@code $$} roots a path in the context object instead of the input.
 *
 * <p>Written by hand rather than on Jayway so that the line the States Language draws between reference paths and
 * paths is explicit, missing nodes are told apart from JSON {@code null}, and ResultPath can copy only the objects
 * along the path (payloads are never mutated in place).
 */
public final class JsonPath {

    /** The path {@code $}: the whole input. */
    public static final JsonPath ROOT = parse("$");

    private final String text;
    private final boolean isContext;
    private final List<Segment> segments;
    private final boolean isReference;
    private final String variable;

    private JsonPath(String text, boolean isContext, List<Segment> segments) {
        this(text, isContext, null, segments);
    }

    private JsonPath(String text, boolean isContext, String variable, List<Segment> segments) {
        this.text = text;
        this.isContext = isContext;
        this.variable = variable;
        this.segments = List.copyOf(segments);
        this.isReference = this.segments.stream().allMatch(s -> s instanceof Field || s instanceof Index);
    }

    /**
     * Parses a path starting with {@code $}, {@code $$} or a workflow variable ({@code $name}).
     *
     * @throws PathSyntaxException naming the path and the position of the problem
     */
    public static JsonPath parse(String text) {
        return new Parser(text, false).parsePath();
    }

    /** The path as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * A reference path in Jayway's normalised notation, as AWS quotes it in States.Runtime causes:
     * {@code $['a']['b'][0]}; any other path as written.
     */
    public String normalized() {
        if (!isReference) {
            return text;
        }
        StringBuilder b = new StringBuilder(root());
        for (Segment s : segments) {
            b.append(s instanceof Field f ? "['" + f.name() + "']" : "[" + ((Index) s).index() + "]");
        }
        return b.toString();
    }

    /** Whether this path starts with {@code $$} and so reads the context object. */
    public boolean isContext() {
        return isContext;
    }

    /** The workflow variable this path reads ({@code $name...}), or null when it reads the input or context. */
    public String variable() {
        return variable;
    }

    private String root() {
        return isContext ? "$$" : variable != null ? "$" + variable : "$";
    }

    /**
     * Whether this is a reference path: only field names and array indexes, so it identifies at most one node
     * (States Language, "Reference Paths").
     */
    public boolean isReference() {
        return isReference;
    }

    /** Whether this path is {@code $} (or {@code $$}) alone. */
    public boolean isRoot() {
        return segments.isEmpty();
    }

    /**
     * Evaluates this path.
     *
     * @return for a reference path the node, or null when it does not exist; for any other path an array of the
     * matches (empty when none)
     */
    public JsonNode find(JsonNode root) {
        if (isReference) {
            JsonNode node = root;
            for (Segment s : segments) {
                node = s instanceof Field f ? (node.isObject() ? node.get(f.name()) : null)
                        : (node.isArray() ? node.get(((Index) s).index()) : null);
                if (node == null) {
                    return null;
                }
            }
            return node;
        }
        List<JsonNode> current = List.of(root);
        for (Segment s : segments) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                s.apply(node, root, next);
            }
            current = next;
        }
        ArrayNode result = JsonNodeFactory.instance.arrayNode(current.size());
        result.addAll(current);
        return result;
    }

    /**
     * Whether this reference path ends in an array index past the end of an array that exists, as {@code $.a[5]} on
     * {@code {"a": [1]}}. Step Functions resolves such a payload-template path to null instead of failing.
     */
    public boolean isIndexPastEnd(JsonNode root) {
        if (!isReference || segments.isEmpty() || !(segments.get(segments.size() - 1) instanceof Index last)) {
            return false;
        }
        JsonNode parent = new JsonPath(text, isContext, variable, segments.subList(0, segments.size() - 1)).find(root);
        return parent != null && parent.isArray() && last.index() >= parent.size();
    }

    /**
     * Returns a copy of {@code root} with {@code value} at this reference path, creating missing objects along the
     * way; only the objects on the path are copied. {@code $} replaces the root.
     *
     * @throws IllegalStateException when a node along the path exists but is not an object (or, for an index, not
     * an array with that index), naming the path
     */
    public JsonNode set(JsonNode root, JsonNode value) {
        if (!isReference) {
            throw new IllegalStateException("'" + text + "' is not a reference path");
        }
        return set(root, value, 0);
    }

    private JsonNode set(JsonNode node, JsonNode value, int at) {
        if (at == segments.size()) {
            return value;
        }
        Segment s = segments.get(at);
        if (s instanceof Field f) {
            if (node != null && !node.isObject()) {
                throw new IllegalStateException("the node at '" + prefix(at) + "' is " + typeName(node) + ", not an object");
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            if (node != null) {
                copy.setAll((ObjectNode) node);
            }
            copy.set(f.name(), set(node == null ? null : node.get(f.name()), value, at + 1));
            return copy;
        }
        int index = ((Index) s).index();
        if (node == null || !node.isArray() || index >= node.size()) {
            throw new IllegalStateException("the node at '" + prefix(at) + "' is not an array with index " + index);
        }
        ArrayNode copy = ((ArrayNode) node).deepCopy();
        copy.set(index, set(node.get(index), value, at + 1));
        return copy;
    }

    private String prefix(int count) {
        StringBuilder b = new StringBuilder(root());
        for (Segment s : segments.subList(0, count)) {
            b.append(s instanceof Field f ? "." + f.name() : "[" + ((Index) s).index() + "]");
        }
        return b.toString();
    }

    static String typeName(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }

    /** One step of a path. */
    sealed interface Segment permits Field, Index, Wildcard, Union, Slice, DeepScan, Filter {
        /** Adds this step's matches on {@code node} to {@code out}. */
        void apply(JsonNode node, JsonNode root, List<JsonNode> out);
    }

    record Field(String name) implements Segment {
        @Override
        public void apply(JsonNode node, JsonNode root, List<JsonNode> out) {
            JsonNode child = node.isObject() ? node.get(name) : null;
            if (child != null) {
                out.add(child);
            }
        }
    }

    record Index(int index) implements Segment {
        @Override
        public void apply(JsonNode node, JsonNode root, List<JsonNode> out) {
            if (node.isArray()) {
                int i = index < 0 ? node.size() + index : index;
                if (i >= 0 && i < node.size()) {
                    out.add(node.get(i));
                }
            }
        }
    }

    record Wildcard() implements Segment {
        @Override
        public void apply(JsonNode node, JsonNode root, List<JsonNode> out) {
            if (node.isContainerNode()) {
                node.elements().forEachRemaining(out::add);
            }
        }
    }

    /** {@code ['a','b']} or {@code [0,2]}: each member is a {@link Field} or an {@link Index}. */
    record Union(List<Segment> members) implements Segment {
        @Override
        public void apply(JsonNode node, JsonNode root, List<JsonNode> out) {
            for (Segment m : members) {
                m.apply(node, root, out);
            }
        }
    }

    /** {@code [start:end:step]}, Python style; null bounds are open. */
    record Slice(Integer start, Integer end, int step) implements Segment {
        @Override
        public void apply(JsonNode node, JsonNode root, List<JsonNode> out) {
            if (!node.isArray()) {
                return;
            }
            int n = node.size();
            int from = start == null ? 0 : Math.max(0, start < 0 ? n + start : Math.min(start, n));
            int to = end == null ? n : Math.max(0, end < 0 ? n + end : Math.min(end, n));
            for (int i = from; i < to; i += step) {
                out.add(node.get(i));
            }
        }
    }

    /** {@code ..x}: {@code inner} applied to a node and every node below it. */
    record DeepScan(Segment inner) implements Segment {
        @Override
        public void apply(JsonNode node, JsonNode root, List<JsonNode> out) {
            inner.apply(node, root, out);
            if (node.isContainerNode()) {
                for (JsonNode child : node) {
                    apply(child, root, out);
                }
            }
        }
    }

    /** {@code [?(...)]}: the array's elements (or the object itself) for which the predicate holds. */
    record Filter(Predicate predicate) implements Segment {
        @Override
        public void apply(JsonNode node, JsonNode root, List<JsonNode> out) {
            if (node.isArray()) {
                for (JsonNode item : node) {
                    if (predicate.test(item, root)) {
                        out.add(item);
                    }
                }
            } else if (node.isObject() && predicate.test(node, root)) {
                out.add(node);
            }
        }
    }

    /** A filter expression. */
    sealed interface Predicate permits Or, And, Not, Exists, Compare {
        boolean test(JsonNode item, JsonNode root);
    }

    record Or(Predicate left, Predicate right) implements Predicate {
        @Override
        public boolean test(JsonNode item, JsonNode root) {
            return left.test(item, root) || right.test(item, root);
        }
    }

    record And(Predicate left, Predicate right) implements Predicate {
        @Override
        public boolean test(JsonNode item, JsonNode root) {
            return left.test(item, root) && right.test(item, root);
        }
    }

    record Not(Predicate inner) implements Predicate {
        @Override
        public boolean test(JsonNode item, JsonNode root) {
            return !inner.test(item, root);
        }
    }

    /** {@code @.x} alone: the path exists and is not null (Step Functions treats an explicit null as false). */
    record Exists(Operand operand) implements Predicate {
        @Override
        public boolean test(JsonNode item, JsonNode root) {
            JsonNode value = operand.value(item, root);
            return value != null && !value.isNull();
        }
    }

    /** The comparison operators of filter expressions. */
    enum Op {
        EQ("=="), NE("!="), LE("<="), GE(">="), LT("<"), GT(">");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    record Compare(Operand left, Op op, Operand right) implements Predicate {
        @Override
        public boolean test(JsonNode item, JsonNode root) {
            JsonNode a = left.value(item, root);
            JsonNode b = right.value(item, root);
            if (a == null || b == null) {
                return op == Op.NE && (a != null || b != null);
            }
            Integer order = null;
            if (a.isNumber() && b.isNumber()) {
                order = a.decimalValue().compareTo(b.decimalValue());
            } else if (a.isTextual() && b.isTextual()) {
                order = a.textValue().compareTo(b.textValue());
            }
            return switch (op) {
                case EQ -> order != null ? order == 0 : a.equals(b);
                case NE -> order != null ? order != 0 : !a.equals(b);
                case LT -> order != null && order < 0;
                case LE -> order != null && order <= 0;
                case GT -> order != null && order > 0;
                case GE -> order != null && order >= 0;
            };
        }
    }

    /** A filter operand: a literal, or a path relative to the item ({@code @}) or to the root ({@code $}). */
    record Operand(JsonNode literal, JsonPath path, boolean isRelative) {
        JsonNode value(JsonNode item, JsonNode root) {
            if (path == null) {
                return literal;
            }
            return path.find(isRelative ? item : root);
        }
    }

    private static final class Parser {
        private final String text;
        private final boolean isRelative;
        private int pos;

        Parser(String text, boolean isRelative) {
            this.text = text;
            this.isRelative = isRelative;
        }

        private PathSyntaxException error(String expected) {
            return new PathSyntaxException("invalid JSONPath '" + text + "': expected " + expected + " at position " + pos);
        }

        JsonPath parsePath() {
            char rootChar = isRelative ? '@' : '$';
            if (text == null || text.isEmpty() || text.charAt(0) != rootChar) {
                throw error("'" + rootChar + "'");
            }
            pos = 1;
            boolean isContext = false;
            String variable = null;
            if (!isRelative && pos < text.length() && text.charAt(pos) == '$') {
                isContext = true;
                pos++;
            } else if (!isRelative && pos < text.length() && isVariableStart(text.charAt(pos))) {
                int start = pos;
                while (pos < text.length() && isVariablePart(text.charAt(pos))) {
                    pos++;
                }
                variable = text.substring(start, pos);
            }
            List<Segment> segments = new ArrayList<>();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '.') {
                    pos++;
                    if (peek('.')) {
                        pos++;
                        segments.add(new DeepScan(peek('[') ? bracket() : dotName()));
                    } else {
                        segments.add(dotName());
                    }
                } else if (c == '[') {
                    segments.add(bracket());
                } else {
                    throw error("'.' or '['");
                }
            }
            return new JsonPath(text, isContext, variable, segments);
        }

        private static boolean isVariableStart(char c) {
            return Character.isLetter(c) || c == '_';
        }

        private static boolean isVariablePart(char c) {
            return Character.isLetterOrDigit(c) || c == '_';
        }

        private boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        private Segment dotName() {
            int start = pos;
            while (pos < text.length() && ".[]() ".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            if (start == pos) {
                throw error("a field name");
            }
            String name = text.substring(start, pos);
            return name.equals("*") ? new Wildcard() : new Field(name);
        }

        private Segment bracket() {
            pos++; // '['
            skipSpaces();
            Segment result;
            if (peek('*')) {
                pos++;
                result = new Wildcard();
            } else if (peek('?')) {
                pos++;
                expect('(');
                result = new Filter(or());
                skipSpaces();
                expect(')');
            } else if (peek('\'') || peek('"')) {
                List<Segment> names = new ArrayList<>();
                names.add(new Field(quoted()));
                skipSpaces();
                while (peek(',')) {
                    pos++;
                    skipSpaces();
                    names.add(new Field(quoted()));
                    skipSpaces();
                }
                result = names.size() == 1 ? names.get(0) : new Union(names);
            } else {
                result = indexes();
            }
            skipSpaces();
            expect(']');
            return result;
        }

        private Segment indexes() {
            Integer first = peek(':') ? null : integer();
            skipSpaces();
            if (peek(':')) {
                pos++;
                skipSpaces();
                Integer end = peek(']') || peek(':') ? null : integer();
                int step = 1;
                if (peek(':')) {
                    pos++;
                    step = integer();
                    if (step <= 0) {
                        throw error("a positive slice step");
                    }
                }
                return new Slice(first, end, step);
            }
            if (first == null) {
                throw error("an index");
            }
            List<Segment> members = new ArrayList<>();
            members.add(new Index(first));
            while (peek(',')) {
                pos++;
                skipSpaces();
                members.add(new Index(integer()));
                skipSpaces();
            }
            if (members.size() > 1) {
                return new Union(members);
            }
            return first < 0 ? new Union(members) : members.get(0);
        }

        private int integer() {
            int start = pos;
            if (peek('-')) {
                pos++;
            }
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            try {
                return Integer.parseInt(text.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("an integer");
            }
        }

        private String quoted() {
            char quote = text.charAt(pos++);
            StringBuilder b = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != quote) {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                b.append(c);
            }
            expect(quote);
            return b.toString();
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("'" + c + "'");
            }
            pos++;
        }

        private void skipSpaces() {
            while (peek(' ')) {
                pos++;
            }
        }

        private Predicate or() {
            Predicate left = and();
            skipSpaces();
            while (text.startsWith("||", pos)) {
                pos += 2;
                left = new Or(left, and());
                skipSpaces();
            }
            return left;
        }

        private Predicate and() {
            Predicate left = unary();
            skipSpaces();
            while (text.startsWith("&&", pos)) {
                pos += 2;
                left = new And(left, unary());
                skipSpaces();
            }
            return left;
        }

        private Predicate unary() {
            skipSpaces();
            if (peek('!')) {
                pos++;
                return new Not(unary());
            }
            if (peek('(')) {
                pos++;
                Predicate inner = or();
                skipSpaces();
                expect(')');
                return inner;
            }
            Operand left = operand();
            skipSpaces();
            for (Op op : Op.values()) {
                if (text.startsWith(op.symbol, pos)) {
                    pos += op.symbol.length();
                    skipSpaces();
                    return new Compare(left, op, operand());
                }
            }
            if (left.path() == null) {
                throw error("a comparison operator");
            }
            return new Exists(left);
        }

        private Operand operand() {
            if (peek('@') || peek('$')) {
                boolean relative = peek('@');
                int start = pos;
                int depth = 0;
                while (pos < text.length()) {
                    char c = text.charAt(pos);
                    if (c == '[') {
                        depth++;
                    } else if (c == ']') {
                        depth--;
                    } else if (depth == 0 && " )=!<>&|".indexOf(c) >= 0) {
                        break;
                    }
                    pos++;
                }
                String sub = text.substring(start, pos);
                return new Operand(null, new Parser(sub, relative).parsePath(), relative);
            }
            if (peek('\'') || peek('"')) {
                return new Operand(JsonNodeFactory.instance.textNode(quoted()), null, false);
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (text.startsWith(word, pos)) {
                    pos += word.length();
                    JsonNode literal = word.equals("null") ? JsonNodeFactory.instance.nullNode()
                            : JsonNodeFactory.instance.booleanNode(word.equals("true"));
                    return new Operand(literal, null, false);
                }
            }
            int start = pos;
            while (pos < text.length() && "-+.eE0123456789".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            if (start == pos) {
                throw error("a path, a string, a number, true, false or null");
            }
            try {
                return new Operand(JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(text.substring(start, pos))), null, false);
            } catch (NumberFormatException e) {
                pos = start;
                throw error("a number");
            }
        }
    }
}
