package dev.mlops.trainer;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mlops.InvalidInputException;
import dev.mlops.Json;
import dev.mlops.store.ArtifactNotFoundException;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The AWS Batch entry point:
 * <pre>
 * --dataset URI --output STORE --model-config URI --seed N --initiator ID [--code-revision R] [--run-id R]
 * </pre>
 * URIs are {@code s3://bucket/key}, {@code file:} URIs or paths; STORE is {@code s3://bucket[/prefix]} or a
 * directory. Prints one JSON line {@code {"model","version","packagePrefix","metrics"}} to stdout and progress to
 * stderr. Exit codes: 0 done, 2 bad arguments or input (config, data, algorithm), 1 anything else.
 */
public final class TrainerMain {

    static final String USAGE = "usage: trainer --dataset URI --output STORE --model-config URI --seed N --initiator ID"
            + " [--code-revision R] [--run-id R]";

    /**
     * Tribuo logs every SGD run at INFO through java.util.logging; held here because JUL keeps loggers weakly and
     * would forget the level.
     */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    private TrainerMain() {
    }

    public static void main(String[] args) {
        TRIBUO_LOG.setLevel(Level.WARNING);
        System.exit(run(args, System.out, System.err, StoreLocator.artifactStores(), Clock.systemUTC()));
    }

    /** Runs the job for {@code args}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, StoreLocator stores, Clock clock) {
        try {
            Map<String, String> options = parse(args);
            TrainingRequest request = new TrainingRequest(options.get("--dataset"), options.get("--model-config"),
                    seed(options.get("--seed")), options.get("--initiator"),
                    options.getOrDefault("--code-revision", System.getenv().getOrDefault("MLOPS_CODE_REVISION", "unknown")),
                    options.get("--run-id"));
            TrainingJob job = new TrainingJob(stores.open(options.get("--output")), stores, clock,
                    TrainingJob.imageFromEnvironment(), line -> err.println("trainer: " + line));
            TrainingResult result = job.run(request);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("model", result.model());
            line.put("version", result.version());
            line.put("packagePrefix", result.packagePrefix());
            line.put("metrics", result.metrics());
            out.println(Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(line));
            return 0;
        } catch (UsageException e) {
            err.println("trainer: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (InvalidInputException | ArtifactNotFoundException | IllegalArgumentException e) {
            err.println("trainer: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("trainer: failed: " + e);
            return 1;
        }
    }

    private static Map<String, String> parse(String[] args) {
        List<String> known = List.of("--dataset", "--output", "--model-config", "--seed", "--initiator", "--code-revision", "--run-id");
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!known.contains(name)) {
                throw new UsageException("unknown argument '" + name + "'");
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new UsageException(name + " needs a value");
            }
            if (options.put(name, args[++i]) != null) {
                throw new UsageException(name + " given twice");
            }
        }
        for (String required : known.subList(0, 5)) {
            if (!options.containsKey(required)) {
                throw new UsageException("missing required argument " + required);
            }
        }
        return options;
    }

    private static long seed(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be an integer, got '" + text + "'");
        }
    }

    /** Arguments that do not describe a job. */
    static final class UsageException extends InvalidInputException {
        UsageException(String message) {
            super(message);
        }
    }
}
