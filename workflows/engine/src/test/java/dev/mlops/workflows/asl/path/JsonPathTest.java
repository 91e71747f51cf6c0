package dev.mlops.workflows.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paths and reference paths (States Language, "Paths" and "Reference Paths"). */
class JsonPathTest {

    // The specification's example input for reference paths.
    private static final JsonNode SPEC = json("{\"foo\": 123, \"bar\": [\"a\", \"b\", \"c\"], \"car\": {\"cdr\": true}}");

    @Test
    void referencePaths_fromSpecification_findSingleNodes() {
        assertEquals(json("123"), JsonPath.parse("$.foo").find(SPEC));
        assertEquals(json("[\"a\", \"b\", \"c\"]"), JsonPath.parse("$.bar").find(SPEC));
        assertEquals(json("true"), JsonPath.parse("$.car.cdr").find(SPEC));
        assertEquals(json("\"b\""), JsonPath.parse("$.bar[1]").find(SPEC));
        assertEquals(json("\"b\""), JsonPath.parse("$['bar'][1]").find(SPEC));
        assertEquals(SPEC, JsonPath.parse("$").find(SPEC));
    }

    @Test
    void referencePath_missing_isNullNotJsonNull() {
        assertNull(JsonPath.parse("$.nope").find(SPEC));
        assertNull(JsonPath.parse("$.bar[7]").find(SPEC));
        assertNull(JsonPath.parse("$.foo.deeper").find(SPEC));
        assertTrue(JsonPath.parse("$.n").find(json("{\"n\": null}")).isNull());
    }

    @Test
    void isReference_onlyFieldsAndIndexes() {
        assertTrue(JsonPath.parse("$.a.b[0]['c d']").isReference());
        for (String p : new String[] {"$.a[*]", "$..a", "$.a[0,1]", "$.a[1:2]", "$.a[?(@.x)]", "$.*", "$.a[-1]"}) {
            assertFalse(JsonPath.parse(p).isReference(), p);
        }
    }

    @Test
    void fullPaths_returnArraysOfMatches() {
        JsonNode doc = json("{\"store\": {\"book\": [{\"price\": 8, \"t\": \"a\"}, {\"price\": 12, \"t\": \"b\"}, {\"price\": 9, \"t\": \"c\", \"isbn\": \"x\"}]}}");
        assertEquals(json("[\"a\", \"b\", \"c\"]"), JsonPath.parse("$.store.book[*].t").find(doc));
        assertEquals(json("[8, 12, 9]"), JsonPath.parse("$..price").find(doc));
        assertEquals(json("[\"a\", \"c\"]"), JsonPath.parse("$.store.book[?(@.price < 10)].t").find(doc));
        assertEquals(json("[\"c\"]"), JsonPath.parse("$.store.book[?(@.isbn)].t").find(doc));
        assertEquals(json("[\"b\"]"), JsonPath.parse("$.store.book[?(@.price > 10 && @.t == 'b')].t").find(doc));
        assertEquals(json("[{\"price\": 9, \"t\": \"c\", \"isbn\": \"x\"}]"), JsonPath.parse("$.store.book[-1:]").find(doc));
        assertEquals(json("[8, 9]"), JsonPath.parse("$.store.book[0,2].price").find(doc));
        assertEquals(json("[]"), JsonPath.parse("$.store.book[?(@.price > 100)]").find(doc));
        JsonNode withNull = json("[{\"k\": null, \"n\": 1}, {\"k\": 1, \"n\": 2}, {\"n\": 3}]");
        assertEquals(json("[2]"), JsonPath.parse("$[?(@.k)].n").find(withNull), "an explicit null is false");
        assertEquals(json("[1, 3]"), JsonPath.parse("$[?(!@.k)].n").find(withNull));
    }

    @Test
    void contextPaths_areMarked() {
        JsonPath p = JsonPath.parse("$$.Execution.Id");
        assertTrue(p.isContext());
        assertEquals(json("\"x\""), p.find(json("{\"Execution\": {\"Id\": \"x\"}}")));
    }

    @Test
    void set_createsMissingObjects_andCopiesOnlyAlongThePath() {
        JsonNode input = json("{\"a\": {\"keep\": [1]}, \"b\": 2}");
        JsonNode out = JsonPath.parse("$.a.x.y").set(input, json("5"));
        assertEquals(json("{\"a\": {\"keep\": [1], \"x\": {\"y\": 5}}, \"b\": 2}"), out);
        assertEquals(json("{\"a\": {\"keep\": [1]}, \"b\": 2}"), input, "the input is never changed");
    }

    @Test
    void set_intoNonObject_fails() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JsonPath.parse("$.b.c").set(json("{\"b\": 2}"), json("1")));
        assertTrue(e.getMessage().contains("'$.b' is a number, not an object"), e.getMessage());
    }

    @Test
    void parse_invalid_namesPathAndPosition() {
        PathSyntaxException e = assertThrows(PathSyntaxException.class, () -> JsonPath.parse("$.a[zz]"));
        assertTrue(e.getMessage().contains("'$.a[zz]'") && e.getMessage().contains("position"), e.getMessage());
        assertThrows(PathSyntaxException.class, () -> JsonPath.parse("a.b"));
        assertThrows(PathSyntaxException.class, () -> JsonPath.parse("$."));
        assertThrows(PathSyntaxException.class, () -> JsonPath.parse("$['a'"));
    }
}
