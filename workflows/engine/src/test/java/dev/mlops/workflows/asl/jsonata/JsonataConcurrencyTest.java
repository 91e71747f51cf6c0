package dev.mlops.workflows.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mlops.workflows.asl.eval.Engine;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.eval.RealClock;
import dev.mlops.workflows.asl.eval.TaskResolver;
import dev.mlops.workflows.asl.parse.AslParser;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** On the real clock Map iterations run on many threads and share one compiled expression per field. */
class JsonataConcurrencyTest {

    @Test
    void concurrentIterations_evaluateTheSameExpressionsCorrectly() {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        ArrayNode expected = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 200; i++) {
            items.add(i);
            expected.add(JsonNodeFactory.instance.objectNode().put("i", i).put("square", i * i).put("tag", "t" + i));
        }
        Engine engine = new Engine(TaskResolver.none(), new RealClock(Clock.systemUTC()), new Random(1));
        ExecutionResult r = engine.run(AslParser.parse("""
                {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 16,
                  "ItemSelector": {"i": "{% $states.context.Map.Item.Value %}"},
                  "ItemProcessor": {"StartAt": "A", "States": {
                    "A": {"Type": "Pass", "Assign": {"sq": "{% $states.input.i * $states.input.i %}"}, "Next": "B"},
                    "B": {"Type": "Pass", "Output": {"i": "{% $states.input.i %}", "square": "{% $sq %}",
                          "tag": "{% 't' & $string($states.input.i) %}"}, "End": true}}},
                  "End": true}}}"""), "Concurrent", null, items);
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status(), r::cause);
        JsonNode output = r.output();
        assertEquals(expected, output);
    }
}
