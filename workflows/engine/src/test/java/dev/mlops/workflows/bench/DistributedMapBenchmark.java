package dev.mlops.workflows.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.distributed.InMemoryObjectStore;
import dev.mlops.workflows.asl.eval.Engine;
import dev.mlops.workflows.asl.eval.ExecutionClock;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.eval.RealClock;
import dev.mlops.workflows.asl.eval.StubTaskResolver;
import dev.mlops.workflows.asl.eval.TaskResolver;
import dev.mlops.workflows.asl.eval.VirtualClock;
import dev.mlops.workflows.asl.model.StateMachine;
import dev.mlops.workflows.asl.parse.AslParser;
import dev.mlops.workflows.asl.persist.DirectoryExecutionStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures (1) a DISTRIBUTED Map over a CSV object of N rows (default 1,000,000) split into 100 items that carry
 * the key and a row range, never rows: the ItemReader reads the 100-item plan (JSON) from the object store, each
 * child execution's Task counts the rows of its range in the object (the stub indexes line offsets once per key,
 * as a ranged GET would avoid reading the rest); the child outputs are summed by the caller to check the count;
 * on the virtual clock (children one after another) and on the real clock (MaxConcurrency 0); and (2) persisted vs
 * in-memory executions: a chain of 20 Pass states run in memory and with a {@link DirectoryExecutionStore} in a
 * temporary folder (a checkpoint per state: three forced writes). Arguments: rows (default 1000000), the folder
 * for the store (default a new temporary folder).
 */
public final class DistributedMapBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COUNT = "arn:aws:lambda:local:000000000000:function:count-rows";
    private static final int ITEMS = 100;

    private DistributedMapBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path storeDir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("engine-bench");

        InMemoryObjectStore s3 = new InMemoryObjectStore(Clock.systemUTC());
        long t = System.nanoTime();
        s3.put("data", "scoring/input.csv", csv(rows));
        s3.put("data", "scoring/plan.json", plan(rows).toString());
        System.out.printf(Locale.ROOT, "setup: %,d rows (%,d bytes) written in %.0f ms%n", rows,
                s3.get("data", "scoring/input.csv").orElseThrow().length, (System.nanoTime() - t) / 1e6);

        StateMachine map = AslParser.parse(DISTRIBUTED);
        for (boolean isReal : new boolean[] {false, true}) {
            double[] ms = new double[6];
            for (int i = 0; i < ms.length; i++) {
                // A fresh stub each run: its line index is built inside the timed run, as a cold child would.
                Engine engine = Engine.builder().objectStore(s3).clock(clock(isReal)).random(new Random(i))
                        .resolver(new StubTaskResolver().on(COUNT, new RowCounter(s3)::count)).build();
                long start = System.nanoTime();
                ExecutionResult r = engine.run(map, "batch-inference", null, JSON.createObjectNode());
                ms[i] = (System.nanoTime() - start) / 1e6;
                check(r, rows);
            }
            double first = ms[0];
            double[] warm = Arrays.copyOfRange(ms, 1, ms.length);
            Arrays.sort(warm);
            System.out.printf(Locale.ROOT, "distributed map, %s clock: %,d rows in %d items: first %.0f ms, then median %.0f ms (min %.0f, max %.0f)%n",
                    isReal ? "real" : "virtual", rows, ITEMS, first, warm[warm.length / 2], warm[0], warm[warm.length - 1]);
        }

        StateMachine chain = AslParser.parse(chain(20).toString());
        Engine memory = new Engine(TaskResolver.none(), new VirtualClock(Instant.now()), new Random(1));
        JsonNode input = JSON.createObjectNode().set("last", JSON.createObjectNode().put("step", 0));
        timeChain(memory, chain, input, 2000);
        double[] inMemory = timeChain(memory, chain, input, 2000);
        System.out.printf(Locale.ROOT, "20-state chain, in memory: median %.3f ms, p90 %.3f ms per execution%n",
                inMemory[inMemory.length / 2], inMemory[inMemory.length * 9 / 10]);
        for (DirectoryExecutionStore.Durability durability : DirectoryExecutionStore.Durability.values()) {
            Engine persisted = Engine.builder().clock(new VirtualClock(Instant.now())).random(new Random(1))
                    .store(new DirectoryExecutionStore(storeDir.resolve(durability.name()), durability)).build();
            timeChain(persisted, chain, input, 50);
            double[] onDisk = timeChain(persisted, chain, input, 200);
            System.out.printf(Locale.ROOT, "20-state chain, persisted (%s) in %s: median %.2f ms, p90 %.2f ms per execution (%.3f ms per state)%n",
                    durability, storeDir, onDisk[onDisk.length / 2], onDisk[onDisk.length * 9 / 10], onDisk[onDisk.length / 2] / 20);
        }
    }

    private static ExecutionClock clock(boolean isReal) {
        return isReal ? new RealClock(Clock.systemUTC()) : new VirtualClock(Instant.now());
    }

    private static void check(ExecutionResult r, int rows) {
        if (r.status() != ExecutionResult.Status.SUCCEEDED) {
            throw new IllegalStateException(r.error() + ": " + r.cause());
        }
        long counted = 0;
        for (JsonNode child : r.output()) {
            counted += child.get("rows").asLong();
        }
        if (counted != rows || r.output().size() != ITEMS) {
            throw new IllegalStateException("counted " + counted + " rows in " + r.output().size() + " items");
        }
    }

    private static double[] timeChain(Engine engine, StateMachine machine, JsonNode input, int runs) {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            ExecutionResult r = engine.run(machine, "Chain", null, input);
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (r.status() != ExecutionResult.Status.SUCCEEDED) {
                throw new IllegalStateException(r.error() + ": " + r.cause());
            }
        }
        Arrays.sort(ms);
        return ms;
    }

    private static String csv(int rows) {
        StringBuilder b = new StringBuilder(rows * 24).append("id,feature_a,feature_b\n");
        Random random = new Random(7);
        for (int i = 0; i < rows; i++) {
            b.append(i).append(',').append(random.nextInt(1000)).append(',').append(random.nextInt(100)).append('\n');
        }
        return b.toString();
    }

    /** 100 items: {key, fromRow, toRow} (rows counted after the header). */
    private static ArrayNode plan(int rows) {
        ArrayNode items = JSON.createArrayNode();
        for (int i = 0; i < ITEMS; i++) {
            items.addObject().put("key", "scoring/input.csv").put("fromRow", (long) rows * i / ITEMS)
                    .put("toRow", (long) rows * (i + 1) / ITEMS);
        }
        return items;
    }

    /** The stub scoring function: counts the rows of its range. */
    private static final class RowCounter {
        private final InMemoryObjectStore s3;
        private final Map<String, int[]> lineStarts = new ConcurrentHashMap<>();
        private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

        RowCounter(InMemoryObjectStore s3) {
            this.s3 = s3;
        }

        JsonNode count(dev.mlops.workflows.asl.eval.TaskRequest request) {
            String key = request.input().get("key").asText();
            byte[] bytes = objects.computeIfAbsent(key, k -> s3.get("data", k).orElseThrow());
            int[] starts = lineStarts.computeIfAbsent(key, k -> index(bytes));
            int from = request.input().get("fromRow").asInt() + 1;
            int to = request.input().get("toRow").asInt() + 1;
            long counted = 0;
            for (int i = starts[from]; i < starts[to]; i++) {
                if (bytes[i] == '\n') {
                    counted++;
                }
            }
            ObjectNode out = JSON.createObjectNode();
            out.put("key", key).put("rows", counted);
            return out;
        }

        private static int[] index(byte[] bytes) {
            int lines = 0;
            for (byte b : bytes) {
                if (b == '\n') {
                    lines++;
                }
            }
            int[] starts = new int[lines + 1];
            int n = 1;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    starts[n++] = i + 1;
                }
            }
            return starts;
        }
    }

    private static ObjectNode chain(int length) {
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

    private static final String DISTRIBUTED = "{\"StartAt\": \"Score\", \"States\": {\"Score\": {\"Type\": \"Map\","
            + " \"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\": {\"InputType\": \"JSON\"},"
            + " \"Parameters\": {\"Bucket\": \"data\", \"Key\": \"scoring/plan.json\"}},"
            + " \"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"EXPRESS\"},"
            + " \"StartAt\": \"Count\", \"States\": {\"Count\": {\"Type\": \"Task\", \"Resource\": \"" + COUNT + "\", \"End\": true}}},"
            + " \"ToleratedFailurePercentage\": 0, \"End\": true}}}";
}
