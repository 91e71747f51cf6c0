package dev.mlops.local.workflows.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.local.workflows.ArtifactObjectStore;
import dev.mlops.local.workflows.LocalFunction;
import dev.mlops.local.workflows.LocalFunctions;
import dev.mlops.local.workflows.LocalIntegrations;
import dev.mlops.local.workflows.LocalWorkflows;
import dev.mlops.local.workflows.StubBatchScoring;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.fs.FileSystemArtifactStore;
import dev.mlops.trainer.data.CreditRiskGenerator;
import dev.mlops.trainer.data.DriftKnobs;
import dev.mlops.workflows.asl.eval.ExecutionClock;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.eval.RealClock;
import dev.mlops.workflows.asl.eval.VirtualClock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Wall time of workflows/batch-inference.asl.json over synthetic credit-risk CSV files in a file-system artifact
 * store: PlanBatch and ScoreBatch are {@link StubBatchScoring} (row parsing and a stand-in score, no model), so
 * the figure is the engine's DISTRIBUTED Map, the artifact store's reads and writes, and row handling.
 * Arguments: rows, rows per item, files (default 1000000 10000 10), runs per clock (default 3). Run from the
 * {@code local} folder.
 */
public final class BatchInferenceBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchInferenceBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int perItem = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int files = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path dir = Files.createTempDirectory("batch-bench");
        ArtifactStore store = new FileSystemArtifactStore(dir);
        long t = System.nanoTime();
        for (int f = 0; f < files; f++) {
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            new CreditRiskGenerator(f, DriftKnobs.none()).writeCsv(rows / files, csv);
            store.put("batch/credit-risk/in/part-" + f + ".csv", csv.toByteArray());
        }
        System.out.printf(Locale.ROOT, "wrote %,d rows in %d files in %.1f s (%s)%n", rows, files, (System.nanoTime() - t) / 1e9, dir);
        for (String mode : new String[] {"real clock, MaxConcurrency 10", "virtual clock, serial"}) {
            for (int run = 0; run < runs; run++) {
                ExecutionClock clock = mode.startsWith("real") ? new RealClock(Clock.systemUTC())
                        : new VirtualClock(Clock.systemUTC().instant());
                LocalWorkflows workflows = workflows(store, clock);
                ObjectNode input = JSON.createObjectNode().put("model", "credit-risk").put("inputPrefix", "batch/credit-risk/in/")
                        .put("outputPrefix", "batch/credit-risk/out/" + mode.charAt(0) + run + "/").put("rowsPerItem", perItem);
                long started = System.nanoTime();
                ExecutionResult r = workflows.run("batch-inference", "bench-" + run, input);
                double seconds = (System.nanoTime() - started) / 1e9;
                if (r.status() != ExecutionResult.Status.SUCCEEDED) {
                    throw new IllegalStateException(r.error() + ": " + r.cause());
                }
                JsonNode plan = r.output().path("plan");
                System.out.printf(Locale.ROOT, "%s, run %d: %,d rows in %d items: %.2f s wall (%,.0f rows/s)%n", mode, run + 1,
                        plan.path("rows").asLong(), plan.path("items").asInt(), seconds, plan.path("rows").asLong() / seconds);
            }
        }
        delete(dir);
    }

    private static void delete(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static LocalWorkflows workflows(ArtifactStore store, ExecutionClock clock) {
        Map<String, LocalFunction> functions = new HashMap<>(new StubBatchScoring(store).functions());
        functions.put("record-failure", p -> p);
        LocalIntegrations integrations = new LocalIntegrations(new LocalFunctions(functions), job -> {
            throw new IllegalStateException("no training here");
        }, n -> {
        }, "local-train-");
        return LocalWorkflows.builder(Path.of("..", "workflows")).integrations(integrations).clock(clock)
                .random(new Random(1)).objects(new ArtifactObjectStore("local", store, Clock.systemUTC())).load();
    }
}
