package dev.mlops.local.bench;

import ai.onnxruntime.OrtEnvironment;
import dev.mlops.inference.LiveModels;
import dev.mlops.inference.OnnxModel;
import dev.mlops.inference.PredictionIds;
import dev.mlops.inference.PredictionService;
import dev.mlops.inference.ServingMetrics;
import dev.mlops.inference.lines.BoundedFileLineSink;
import dev.mlops.local.LocalEnvironment;
import dev.mlops.local.cli.MlopsCli;
import dev.mlops.roles.LocalTokens;
import dev.mlops.roles.Role;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The serving numbers of docs/benchmarks.md (a harness, not a test), from a fresh MLOPS_HOME with the sample
 * model trained and promoted:
 * <ol>
 *   <li>in-process, one row: the full /v1 path (parse, validate, route, ONNX Runtime, capture and metric lines,
 *       serialise) against a bare session run on the same encoded row, interleaved in one loop;</li>
 *   <li>cold start: a new JVM running {@code mlops serve} until its first successful prediction.</li>
 * </ol>
 * HTTP throughput and latency under load are measured with wrk against {@code mlops serve} (docs/bench/predict.lua).
 * Run it from the repository root with the launcher's jar: {@code java -cp local/target/mlops-local.jar
 * dev.mlops.local.bench.ServingBenchmark} (the jar's manifest carries the class path; see docs/benchmarks.md
 * for why a long {@code -cp} must be avoided with ONNX Runtime 1.29).
 */
public final class ServingBenchmark {

    private static final String RECORD = "{\"instances\":[{\"age\":41,\"income\":52000,\"employment_years\":3,\"debt_ratio\":0.35,"
            + "\"credit_lines\":4,\"late_payments_12m\":0,\"loan_amount\":12000,\"loan_term_months\":36,\"home_owner\":1,\"purpose\":\"car\"}]}";

    private ServingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("mlops-bench");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("MLOPS_HOME", home.toString());
        mlops(env, "train", "--model", "credit-risk", "--rows", "20000");
        mlops(env, "models", "promote", "--model", "credit-risk", "--version", "v1");
        System.out.printf("machine: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        inProcess(LocalEnvironment.from(env, Clock.systemUTC()), home, args.length > 0 ? Integer.parseInt(args[0]) : 200_000);
        coldStart(home);
    }

    private static void mlops(Map<String, String> env, String... args) {
        StringWriter err = new StringWriter();
        if (MlopsCli.run(env, Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(err), args) != 0) {
            throw new IllegalStateException("mlops " + String.join(" ", args) + " failed: " + err);
        }
    }

    private static void inProcess(LocalEnvironment env, Path home, int iterations) {
        try (LiveModels models = new LiveModels(env.registry(), env.packages(), OrtEnvironment.getEnvironment(), Clock.systemUTC(),
                Duration.ofSeconds(5)); BoundedFileLineSink lines = new BoundedFileLineSink(home.resolve("bench-lines"), 100_000)) {
            ServingMetrics metrics = new ServingMetrics(lines, Clock.systemUTC(), "bench");
            PredictionService service = new PredictionService(models, lines, metrics, Clock.systemUTC(),
                    PredictionIds::random, RandomGenerator.of("L64X128MixRandom"),
                    PredictionService.LAMBDA_PAYLOAD_LIMIT, "bench");
            byte[] body = RECORD.getBytes(StandardCharsets.UTF_8);
            OnnxModel model = models.serving("credit-risk").champion();
            float[][] row = {model.manifest().input().encodeFloats(Map.of("age", 41.0, "income", 52000.0, "employment_years", 3.0,
                    "debt_ratio", 0.35, "credit_lines", 4.0, "late_payments_12m", 0.0, "loan_amount", 12000.0, "loan_term_months", 36.0,
                    "home_owner", 1.0, "purpose", "car"))};
            long[] bare = new long[iterations];
            long[] full = new long[iterations];
            for (int round = 0; round < 2; round++) {
                // Interleaved so both see the same JIT state, GC pressure and CPU frequency; round one is warm-up.
                for (int i = 0; i < iterations; i++) {
                    long t0 = System.nanoTime();
                    model.run(row);
                    long t1 = System.nanoTime();
                    service.predict("credit-risk", body, null, false);
                    long t2 = System.nanoTime();
                    bare[i] = t1 - t0;
                    full[i] = t2 - t1;
                }
            }
            System.out.printf(Locale.ROOT, "in-process, 1 row, %d iterations after as many for warm-up:%n", iterations);
            System.out.printf(Locale.ROOT, "  bare session run   p50 %6.1f us  p99 %6.1f us%n", micros(bare, 50), micros(bare, 99));
            System.out.printf(Locale.ROOT, "  full /v1 path      p50 %6.1f us  p99 %6.1f us  (p50 %.2fx bare)%n", micros(full, 50),
                    micros(full, 99), micros(full, 50) / micros(bare, 50));
            System.out.printf("  capture/metric lines dropped: %d of %d%n", lines.dropped(), 4L * iterations);
        }
    }

    private static void coldStart(Path home) throws Exception {
        int port = 20_000 + new SecureRandom().nextInt(20_000);
        String token = LocalTokens.readOrCreate(home.resolve("tokens.json"), new SecureRandom()).tokens().tokenFor(Role.CLIENT).orElseThrow();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models/credit-risk/predict"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RECORD)).build();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("local", "target", "mlops-local.jar").toString(), "serve", "--port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("MLOPS_HOME", home.toString());
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            while (!succeeded(client, request)) {
                Thread.sleep(5);
                if (System.nanoTime() - started > Duration.ofSeconds(60).toNanos() || !process.isAlive()) {
                    throw new IllegalStateException("no successful prediction within 60 s");
                }
            }
            System.out.printf(Locale.ROOT, "cold start, new JVM (mlops serve) to first successful prediction: %.2f s%n",
                    (System.nanoTime() - started) / 1e9);
        } finally {
            process.destroy();
        }
    }

    private static boolean succeeded(HttpClient client, HttpRequest request) throws InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException notListeningYet) {
            return false;
        }
    }

    private static double micros(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1000.0;
    }
}
