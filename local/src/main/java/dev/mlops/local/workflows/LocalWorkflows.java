package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.MlopsException;
import dev.mlops.local.LocalEnvironment;
import dev.mlops.workflows.asl.eval.Engine;
import dev.mlops.workflows.asl.eval.Execution;
import dev.mlops.workflows.asl.eval.ExecutionClock;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.eval.TaskResolver;
import dev.mlops.workflows.asl.distributed.ObjectStore;
import dev.mlops.workflows.asl.parse.DefinitionException;
import dev.mlops.workflows.asl.persist.DirectoryExecutionStore;
import dev.mlops.workflows.asl.persist.ExecutionRecord;
import dev.mlops.workflows.asl.persist.ExecutionStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * The project's state machines in one local engine: every {@code workflows/*.asl.json} (named by its file,
 * {@code training-pipeline}), with the local values of {@code workflows/placeholders.json} substituted, registered
 * with an {@link Engine} whose Task states reach the given integrations. This is the local execution port of
 * {@code ./mlops up}, the control API and the CLI: start executions, resume parked ones with task tokens, list them.
 *
 * <p>With an execution store, exactly one process may hold a {@code LocalWorkflows} on it: loading resumes every
 * running execution, so a second process on the same MLOPS_HOME would run them twice. A CLI command should talk to
 * the running runtime (or load the workflows itself only when none runs).
 */
public final class LocalWorkflows {

    /** Environment variable naming the workflows folder; default {@code workflows} in the working directory. */
    public static final String WORKFLOWS_ENV = "MLOPS_WORKFLOWS";
    /** The folder under MLOPS_HOME that holds persisted executions. */
    public static final String EXECUTIONS = "executions";
    private static final String SUFFIX = ".asl.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine;
    private final Placeholders placeholders;
    private final Map<String, String> machines;
    private final Map<String, List<String>> unavailable;
    private final List<Execution> started = Collections.synchronizedList(new ArrayList<>());

    private LocalWorkflows(Engine engine, Placeholders placeholders, Map<String, String> machines,
                           Map<String, List<String>> unavailable) {
        this.engine = engine;
        this.placeholders = placeholders;
        this.machines = Map.copyOf(machines);
        this.unavailable = Map.copyOf(unavailable);
    }

    /** Starts loading the workflows of {@code directory} (which holds {@code *.asl.json} and placeholders.json). */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** What a {@link LocalWorkflows} runs with; integrations, clock and random are required. */
    public static final class Builder {
        private final Path directory;
        private TaskResolver integrations;
        private ExecutionClock clock;
        private RandomGenerator random;
        private ExecutionStore executions;
        private ObjectStore objects;

        private Builder(Path directory) {
            this.directory = directory;
        }

        /** The Task integrations ({@link LocalIntegrations}, or stubs in tests). */
        public Builder integrations(TaskResolver integrations) {
            this.integrations = integrations;
            return this;
        }

        /** The executions' clock. */
        public Builder clock(ExecutionClock clock) {
            this.clock = clock;
            return this;
        }

        /** The engine's random source (thread-safe on a real clock). */
        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        /** Persists executions there and resumes those a previous runtime left running; @default memory only */
        public Builder executions(ExecutionStore executions) {
            this.executions = executions;
            return this;
        }

        /** The bucket(s) of the DISTRIBUTED Map's ItemReader and ResultWriter; @default none */
        public Builder objects(ObjectStore objects) {
            this.objects = objects;
            return this;
        }

        /**
         * Registers every definition, with the local placeholder values, then resumes persisted executions.
         *
         * <p>A definition this engine cannot run (a feature it does not support yet) does not stop the others: it
         * is listed by {@link #unavailable()}, and starting it fails naming the problems.
         *
         * @throws MlopsException when a file cannot be read or uses an unlisted placeholder, or when a
         *                        state-machine placeholder names no loaded machine
         */
        public LocalWorkflows load() {
            if (integrations == null || clock == null || random == null) {
                throw new IllegalStateException("LocalWorkflows need integrations, a clock and a random source");
            }
            Placeholders placeholders = Placeholders.load(directory.resolve("placeholders.json"));
            Engine engine = Engine.builder().resolver(integrations).clock(clock).random(random).store(executions)
                    .objectStore(objects).build();
            Map<String, String> machines = new LinkedHashMap<>();
            Map<String, List<String>> unavailable = new LinkedHashMap<>();
            for (Path file : definitions(directory)) {
                String name = file.getFileName().toString();
                name = name.substring(0, name.length() - SUFFIX.length());
                try {
                    // Registered as text, so a persisted execution keeps the definition it started with.
                    machines.put(name, engine.register(name, placeholders.substituteLocal(read(file)).toString()));
                } catch (DefinitionException e) {
                    unavailable.put(name, e.problems().stream().map(Object::toString).toList());
                    System.getLogger(LocalWorkflows.class.getName()).log(System.Logger.Level.WARNING,
                            "{0} cannot run in this engine: {1}", file, e.problems());
                }
            }
            for (Placeholder p : placeholders.entries()) {
                if (p.kind() == Placeholder.Kind.STATE_MACHINE && !machines.containsValue(p.local())) {
                    throw new MlopsException("placeholders.json: " + p.token() + " is locally '" + p.local()
                            + "', which is no machine in " + directory + " (loaded: " + machines.values() + ")");
                }
            }
            LocalWorkflows workflows = new LocalWorkflows(engine, placeholders, machines, unavailable);
            workflows.started.addAll(engine.resume());
            return workflows;
        }
    }

    /**
     * The workflows with the local integrations of {@code env}: {@code functions} for Lambda, the in-process trainer
     * on its artifact store for Batch, and the inbox under MLOPS_HOME for SNS; executions persisted under
     * {@code $MLOPS_HOME/executions} and resumed; the artifact store as the bucket {@code ${ArtifactBucket}}.
     *
     * @param directory    the workflows folder, see {@link #directory(Map)}
     * @param codeRevision recorded in trained packages
     */
    public static LocalWorkflows forEnvironment(Path directory, LocalEnvironment env, LocalFunctions functions,
                                                String codeRevision, ExecutionClock clock, RandomGenerator random) {
        Placeholders placeholders = Placeholders.load(directory.resolve("placeholders.json"));
        String prefix = local(placeholders, directory, "TrainingJobDefinitionPrefix");
        String bucket = local(placeholders, directory, "ArtifactBucket");
        System.Logger log = System.getLogger(InProcessTrainer.class.getName());
        TrainingJobRunner trainer = new InProcessTrainer(env, codeRevision, line -> log.log(System.Logger.Level.INFO, line));
        return builder(directory)
                .integrations(new LocalIntegrations(functions, trainer, InboxNotifier.in(env.home()), prefix))
                .clock(clock).random(random)
                .executions(new DirectoryExecutionStore(env.home().resolve(EXECUTIONS)))
                .objects(new ArtifactObjectStore(bucket, env.store(), env.clock()))
                .load();
    }

    private static String local(Placeholders placeholders, Path directory, String name) {
        return placeholders.find(name).map(Placeholder::local)
                .orElseThrow(() -> new MlopsException(directory + "/placeholders.json has no " + name));
    }

    /** The workflows folder named by {@value #WORKFLOWS_ENV} in {@code env}, default {@code workflows}. */
    public static Path directory(Map<String, String> env) {
        return Path.of(env.getOrDefault(WORKFLOWS_ENV, "workflows")).toAbsolutePath().normalize();
    }

    /** State machine names to their local ARNs. */
    public Map<String, String> stateMachines() {
        return machines;
    }

    /** The definitions this engine cannot run, by name, with the parser's problems. */
    public Map<String, List<String>> unavailable() {
        return unavailable;
    }

    /** The placeholder list the definitions were loaded with. */
    public Placeholders placeholders() {
        return placeholders;
    }

    /**
     * Starts an execution on its own thread.
     *
     * @param machine a state machine's name or ARN
     * @param name    the execution's name, or null for a random one
     * @throws dev.mlops.workflows.asl.eval.ExecutionAlreadyExistsException when the name is taken
     */
    public Execution start(String machine, String name, JsonNode input) {
        requireAvailable(machine);
        Execution execution = engine.start(machine, name, input);
        started.add(execution);
        return execution;
    }

    /** Runs an execution on the calling thread to its end. */
    public ExecutionResult run(String machine, String name, JsonNode input) {
        requireAvailable(machine);
        return engine.run(machine, name, input);
    }

    /** Resumes the task parked with {@code taskToken} with {@code output} as its result (SendTaskSuccess). */
    public void sendTaskSuccess(String taskToken, JsonNode output) {
        engine.sendTaskSuccess(taskToken, output);
    }

    /** Fails the task parked with {@code taskToken} (SendTaskFailure). */
    public void sendTaskFailure(String taskToken, String error, String cause) {
        engine.sendTaskFailure(taskToken, error, cause);
    }

    /** Restarts a parked task's HeartbeatSeconds (SendTaskHeartbeat). */
    public void sendTaskHeartbeat(String taskToken) {
        engine.sendTaskHeartbeat(taskToken);
    }

    /** An execution by ARN, also one that a workflow started (a retraining), while the engine remembers it. */
    public Optional<Execution> execution(String executionArn) {
        return engine.execution(executionArn);
    }

    /**
     * The executions, newest first, in DescribeExecution's terms: with a store every persisted one (also those a
     * workflow started, such as a retraining); in memory those started through {@link #start} or resumed.
     */
    public List<ExecutionRecord> list() {
        List<ExecutionRecord> records = new ArrayList<>();
        Optional<ExecutionStore> store = engine.store();
        if (store.isPresent()) {
            records.addAll(store.get().list());
        } else {
            synchronized (started) {
                started.forEach(e -> records.add(record(e)));
            }
        }
        records.sort(Comparator.comparing(ExecutionRecord::startDate).reversed());
        return records;
    }

    /** One execution in DescribeExecution's terms. */
    public Optional<ExecutionRecord> describe(String executionArn) {
        Optional<ExecutionStore> store = engine.store();
        if (store.isPresent()) {
            return store.get().find(executionArn);
        }
        return engine.execution(executionArn).map(LocalWorkflows::record);
    }

    private static ExecutionRecord record(Execution e) {
        String arn = e.executionArn();
        String machine = e.stateMachineArn().substring(e.stateMachineArn().lastIndexOf(':') + 1);
        ExecutionRecord running = ExecutionRecord.running(arn, machine, arn.substring(arn.lastIndexOf(':') + 1), e.input(),
                null, e.startDate());
        return e.result().map(r -> running.withEnd(ExecutionRecord.Status.valueOf(r.status().name()), r.stopDate(),
                r.output(), r.error(), r.cause())).orElse(running);
    }

    /** The engine, for what this port does not cover (history, nested executions). */
    public Engine engine() {
        return engine;
    }

    private void requireAvailable(String machine) {
        String name = machine.substring(machine.lastIndexOf(':') + 1);
        if (unavailable.containsKey(name)) {
            throw new MlopsException("the state machine '" + name + "' cannot run in this engine: " + unavailable.get(name));
        }
    }

    private static List<Path> definitions(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new MlopsException("cannot list the workflows folder " + directory + ": " + e.getMessage());
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new MlopsException("cannot read the state machine " + file + ": " + e.getMessage());
        }
    }
}
