package dev.mlops.workflows.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.eval.Engine;
import dev.mlops.workflows.asl.eval.TaskResolver;
import dev.mlops.workflows.asl.eval.VirtualClock;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.mlops.workflows.asl.Asl.T0;
import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.parse;
import static dev.mlops.workflows.asl.Asl.single;
import static dev.mlops.workflows.asl.intrinsics.IntrinsicRunner.assertFailure;
import static dev.mlops.workflows.asl.intrinsics.IntrinsicRunner.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** States.UUID: a version 4 UUID, from the engine's seeded random source. */
class UuidIntrinsicTest {

    @Test
    void uuid_isVersion4() {
        String uuid = eval("States.UUID()", "{}").textValue();
        assertTrue(uuid.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), uuid);
        assertFailure("States.UUID(1)", "{}", "expected 0 arguments");
    }

    @Test
    void uuid_followsTheSeed() {
        String def = single("Pass", "\"Parameters\": {\"a.$\": \"States.UUID()\", \"b.$\": \"States.UUID()\"}");
        JsonNode first = new Engine(TaskResolver.none(), new VirtualClock(T0), new Random(1)).run(parse(def), "M", "e", json("{}")).output();
        JsonNode again = new Engine(TaskResolver.none(), new VirtualClock(T0), new Random(1)).run(parse(def), "M", "e", json("{}")).output();
        assertEquals(first, again);
        assertNotEquals(first.get("a"), first.get("b"));
    }
}
