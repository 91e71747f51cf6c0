package dev.mlops.workflows.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.eval.Engine;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.eval.TaskResolver;
import dev.mlops.workflows.asl.eval.VirtualClock;
import dev.mlops.workflows.asl.model.StateMachine;
import dev.mlops.workflows.asl.parse.AslParser;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Measures, on the calling thread (one core): state transitions per second of a long chain of Pass states with
 * Parameters and ResultPath, and the wall time of an inline Map of 1,000 items through a Pass state (with an
 * ItemSelector reading {@code $$.Map.Item}); then the same two in JSONata ({@code Output} / {@code ItemSelector}
 * expressions, plus an {@code Assign} per chain state). History is recorded as in any run. Arguments: chain length
 * (default 1000) and seconds per measurement (default 5).
 */
public final class EngineBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineBenchmark() {
    }

    public static void main(String[] args) {
        int chain = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        Engine engine = new Engine(TaskResolver.none(), new VirtualClock(Instant.parse("2026-01-01T00:00:00Z")), new Random(1));

        StateMachine passChain = AslParser.parse(passChain(chain).toString());
        JsonNode chainInput = JSON.createObjectNode().set("last", JSON.createObjectNode().put("step", 0));
        measureChain(engine, passChain, chainInput, chain, seconds / 2);
        double rate = measureChain(engine, passChain, chainInput, chain, seconds);
        System.out.printf(Locale.ROOT, "pass chain: %d states, %.0f transitions/s%n", chain, rate);

        StateMachine map = AslParser.parse(MAP);
        ArrayNode items = JSON.createArrayNode();
        for (int i = 0; i < 1000; i++) {
            items.add(i);
        }
        JsonNode mapInput = JSON.createObjectNode().set("items", items);
        double[] warm = timeMap(engine, map, mapInput, 200);
        double[] runs = timeMap(engine, map, mapInput, 200);
        Arrays.sort(runs);
        System.out.printf(Locale.ROOT, "map 1000 items: first %.1f ms, then median %.2f ms, p90 %.2f ms, max %.2f ms%n",
                warm[0], runs[runs.length / 2], runs[runs.length * 9 / 10], runs[runs.length - 1]);

        StateMachine jsonataChain = AslParser.parse(jsonataChain(chain).toString());
        measureChain(engine, jsonataChain, chainInput, chain, seconds / 2);
        double jsonataRate = measureChain(engine, jsonataChain, chainInput, chain, seconds);
        System.out.printf(Locale.ROOT, "jsonata chain: %d states, %.0f transitions/s%n", chain, jsonataRate);
        StateMachine jsonataMap = AslParser.parse(JSONATA_MAP);
        double[] jsonataWarm = timeMap(engine, jsonataMap, mapInput, 200);
        double[] jsonataRuns = timeMap(engine, jsonataMap, mapInput, 200);
        Arrays.sort(jsonataRuns);
        System.out.printf(Locale.ROOT, "jsonata map 1000 items: first %.1f ms, then median %.2f ms, p90 %.2f ms, max %.2f ms%n",
                jsonataWarm[0], jsonataRuns[jsonataRuns.length / 2], jsonataRuns[jsonataRuns.length * 9 / 10],
                jsonataRuns[jsonataRuns.length - 1]);
    }

    private static double measureChain(Engine engine, StateMachine machine, JsonNode input, int chain, double seconds) {
        long transitions = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            ExecutionResult r = engine.run(machine, "Chain", null, input);
            if (r.status() != ExecutionResult.Status.SUCCEEDED) {
                throw new IllegalStateException(r.error() + ": " + r.cause());
            }
            transitions += chain;
        }
        return transitions / ((System.nanoTime() - start) / 1e9);
    }

    private static double[] timeMap(Engine engine, StateMachine machine, JsonNode input, int runs) {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            ExecutionResult r = engine.run(machine, "Map", null, input);
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (r.status() != ExecutionResult.Status.SUCCEEDED || r.output().size() != 1000) {
                throw new IllegalStateException(r.error() + ": " + r.cause());
            }
        }
        return ms;
    }

    /** S0 -> S1 -> ... each {"Parameters": {"step": k, "previous.$": "$.last.step"}, "ResultPath": "$.last"}. */
    private static ObjectNode passChain(int length) {
        ObjectNode machine = JSON.createObjectNode().put("StartAt", "S0");
        ObjectNode states = machine.putObject("States");
        for (int k = 0; k < length; k++) {
            ObjectNode s = states.putObject("S" + k).put("Type", "Pass");
            s.putObject("Parameters").put("step", k + 1).put("previous.$", "$.last.step");
            s.put("ResultPath", "$.last");
            if (k + 1 < length) {
                s.put("Next", "S" + (k + 1));
            } else {
                s.put("End", true);
            }
        }
        return machine;
    }

    /** The pass chain in JSONata: Output {"last": {"step": k, "previous": prior step}} and Assign of the step. */
    private static ObjectNode jsonataChain(int length) {
        ObjectNode machine = JSON.createObjectNode().put("QueryLanguage", "JSONata").put("StartAt", "S0");
        ObjectNode states = machine.putObject("States");
        for (int k = 0; k < length; k++) {
            ObjectNode s = states.putObject("S" + k).put("Type", "Pass");
            s.putObject("Output").putObject("last").put("step", k + 1).put("previous", "{% $states.input.last.step %}");
            s.putObject("Assign").put("step", "{% $states.input.last.step %}");
            if (k + 1 < length) {
                s.put("Next", "S" + (k + 1));
            } else {
                s.put("End", true);
            }
        }
        return machine;
    }

    private static final String JSONATA_MAP = "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"Each\", \"States\": {\"Each\":"
            + " {\"Type\": \"Map\", \"Items\": \"{% $states.input.items %}\","
            + " \"ItemSelector\": {\"index\": \"{% $states.context.Map.Item.Index %}\", \"value\": \"{% $states.context.Map.Item.Value %}\"},"
            + " \"ItemProcessor\": {\"StartAt\": \"Double\", \"States\": {\"Double\": {\"Type\": \"Pass\","
            + " \"Output\": {\"i\": \"{% $states.input.index %}\", \"twice\": \"{% $states.input.value * 2 %}\"}, \"End\": true}}},"
            + " \"End\": true}}}";

    private static final String MAP = "{\"StartAt\": \"Each\", \"States\": {\"Each\": {\"Type\": \"Map\", \"ItemsPath\": \"$.items\","
            + " \"ItemSelector\": {\"index.$\": \"$$.Map.Item.Index\", \"value.$\": \"$$.Map.Item.Value\"},"
            + " \"ItemProcessor\": {\"StartAt\": \"Double\", \"States\": {\"Double\": {\"Type\": \"Pass\","
            + " \"Parameters\": {\"i.$\": \"$.index\", \"twice.$\": \"States.MathAdd($.value, $.value)\"}, \"End\": true}}},"
            + " \"End\": true}}}";
}
