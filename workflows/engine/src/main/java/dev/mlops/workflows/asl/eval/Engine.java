package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.distributed.ObjectStore;
import dev.mlops.workflows.asl.model.StateMachine;
import dev.mlops.workflows.asl.parse.AslParser;
import dev.mlops.workflows.asl.persist.Checkpoint;
import dev.mlops.workflows.asl.persist.ExecutionRecord;
import dev.mlops.workflows.asl.persist.ExecutionStore;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Runs state machines. One engine holds the task resolver, the clock, the random source and the table of parked
 * tasks, so that {@link #sendTaskSuccess}, {@link #sendTaskFailure} and {@link #sendTaskHeartbeat} can resume any
 * execution it started.
 *
 * <p>Task tokens come from a {@link SecureRandom} (unguessable whatever the seeded source) and work once.
 *
 * <p>Execution names are unique per state machine for the engine's lifetime: starting a second execution with a
 * name already used fails with {@link ExecutionAlreadyExistsException}, except that, as StartExecution does, the
 * same name with the same input while the first is still running returns that first execution. The engine keeps
 * the results of the last {@value #RETAINED} finished executions started on their own thread ({@link #start},
 * {@link #resume}, a request-response startExecution); older ones, and those run on the caller's thread, keep only
 * their names (and their records, when persisted).
 *
 * <p>State machines registered with {@link #register(String, StateMachine)} can be started by name or ARN, also
 * from a Task state: {@code arn:aws:states:::states:startExecution} (and {@code .sync}, {@code .sync:2},
 * {@code .waitForTaskToken}) is built in, used whenever the given resolver does not resolve it.
 *
 * <p>With an {@link ExecutionStore} (see {@link #builder()}), executions are persisted: names stay taken across
 * restarts, and {@link #resume()} on a new engine over the same store continues the executions that had not ended.
 * Without one, executions live in memory only.
 */
public final class Engine {

    /** Region and account in the ARNs of local executions. */
    static final String ARN_PREFIX = "arn:aws:states:local:000000000000:";

    /** How many finished executions keep their results in memory. */
    static final int RETAINED = 100;

    /** StartExecution's error for a name it does not accept. */
    public static final String INVALID_NAME = "InvalidName";

    private final TaskResolver resolver;
    private final ExecutionClock clock;
    private final RandomGenerator random;
    private final ExecutionStore store;
    private final ObjectStore objectStore;
    private final SecureRandom tokens = new SecureRandom();
    private final Map<String, ParkedTask> parked = new ConcurrentHashMap<>();
    private final Map<String, Registration> machines = new ConcurrentHashMap<>();
    /** Guarded by itself: running executions and the last {@link #RETAINED} finished ones started on their own thread. */
    private final Map<String, Execution> executions = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    private final Deque<String> finished = new ArrayDeque<>();

    /**
     * @param resolver maps Task resources to handlers
     * @param clock    the executions' clock
     * @param random   the source of MathRandom, UUID, retry jitter and execution names; it must be thread-safe
     *                 (as {@link java.util.Random} is) when the clock is real, since branches then run concurrently
     */
    public Engine(TaskResolver resolver, ExecutionClock clock, RandomGenerator random) {
        this(resolver, clock, random, null, null);
    }

    private Engine(TaskResolver resolver, ExecutionClock clock, RandomGenerator random, ExecutionStore store,
                   ObjectStore objectStore) {
        this.resolver = resolver.orElse(new StatesIntegration(this));
        this.clock = clock;
        this.random = random;
        this.store = store;
        this.objectStore = objectStore;
    }

    /** An engine with optional parts: a store for persisted executions, an object store for DISTRIBUTED Maps. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Engine}; resolver, clock and random are required. */
    public static final class Builder {
        private TaskResolver resolver = TaskResolver.none();
        private ExecutionClock clock;
        private RandomGenerator random;
        private ExecutionStore store;
        private ObjectStore objectStore;

        private Builder() {
        }

        /** Maps Task resources to handlers; @default {@link TaskResolver#none()} (built-ins only) */
        public Builder resolver(TaskResolver resolver) {
            this.resolver = resolver;
            return this;
        }

        /** The executions' clock. */
        public Builder clock(ExecutionClock clock) {
            this.clock = clock;
            return this;
        }

        /** The seeded source, see {@link Engine#Engine(TaskResolver, ExecutionClock, RandomGenerator)}. */
        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        /** Persists executions there; @default none: in memory only */
        public Builder store(ExecutionStore store) {
            this.store = store;
            return this;
        }

        /** Where DISTRIBUTED Maps read items and write results (S3's role); @default none */
        public Builder objectStore(ObjectStore objectStore) {
            this.objectStore = objectStore;
            return this;
        }

        /** The engine. */
        public Engine build() {
            if (clock == null || random == null) {
                throw new IllegalStateException("an engine needs a clock and a random source");
            }
            return new Engine(resolver, clock, random, store, objectStore);
        }
    }

    /** Runs an execution on the calling thread, named with a random UUID, to its end. */
    public ExecutionResult run(StateMachine machine, JsonNode input) {
        return run(machine, "StateMachine", null, input);
    }

    /**
     * Runs an execution on the calling thread to its end.
     *
     * @param stateMachineName the machine's name, for ARNs and the context object
     * @param executionName    the execution's name, or null for a random UUID
     * @throws ExecutionAlreadyExistsException when the name is taken
     */
    public ExecutionResult run(StateMachine machine, String stateMachineName, String executionName, JsonNode input) {
        return launch(new Interpreter(this, machine, stateMachineName, executionName, input), definition(stateMachineName, machine), false).await();
    }

    /**
     * Starts an execution on its own thread; {@link Execution#await()} gives its result.
     *
     * @throws ExecutionAlreadyExistsException when the name is taken (by a finished execution, or a running one
     *                                         with another input)
     */
    public Execution start(StateMachine machine, String stateMachineName, String executionName, JsonNode input) {
        return launch(new Interpreter(this, machine, stateMachineName, executionName, input), definition(stateMachineName, machine), true);
    }

    /**
     * Runs an execution of a registered state machine on the calling thread to its end.
     *
     * @param stateMachine the machine's registered name or ARN
     * @throws AslError {@code StateMachineDoesNotExist} when nothing is registered under it
     */
    public ExecutionResult run(String stateMachine, String executionName, JsonNode input) {
        Registration r = registration(stateMachine);
        return run(r.machine(), r.name(), executionName, input);
    }

    /**
     * Starts an execution of a registered state machine on its own thread.
     *
     * @param stateMachine the machine's registered name or ARN
     * @throws AslError {@code StateMachineDoesNotExist} when nothing is registered under it
     */
    public Execution start(String stateMachine, String executionName, JsonNode input) {
        Registration r = registration(stateMachine);
        return start(r.machine(), r.name(), executionName, input);
    }

    /**
     * Registers (or replaces) a state machine under {@code name}; executions already running keep their definition.
     *
     * @return its ARN, {@code arn:aws:states:{region}:{account}:stateMachine:{name}}
     */
    public String register(String name, StateMachine machine) {
        return register(name, machine, null);
    }

    private String register(String name, StateMachine machine, String definition) {
        String arn = stateMachineArn(name);
        machines.put(name, new Registration(name, arn, machine, definition));
        return arn;
    }

    /**
     * Parses and registers a definition.
     *
     * @throws dev.mlops.workflows.asl.parse.DefinitionException when it is invalid
     */
    public String register(String name, String definition) {
        return register(name, AslParser.parse(definition), definition);
    }

    /** The ARN a state machine registered under {@code name} has. */
    public String stateMachineArn(String name) {
        return ARN_PREFIX + "stateMachine:" + name;
    }

    /** The machine registered under a name or ARN. */
    public Optional<StateMachine> stateMachine(String nameOrArn) {
        return Optional.ofNullable(machines.get(nameOf(nameOrArn))).map(Registration::machine);
    }

    /** A running execution, or a finished one the engine still remembers or the store holds. */
    public Optional<Execution> execution(String executionArn) {
        synchronized (executions) {
            Execution execution = executions.get(executionArn);
            if (execution != null || store == null) {
                return Optional.ofNullable(execution);
            }
        }
        return store.find(executionArn).filter(r -> r.status() != ExecutionRecord.Status.RUNNING).map(r ->
                new Execution(r.executionArn(), r.stateMachineArn(), r.input(), r.startDate(),
                        CompletableFuture.completedFuture(new ExecutionResult(r.executionArn(),
                                ExecutionResult.Status.valueOf(r.status().name()), r.output(), r.error(), r.cause(),
                                r.startDate(), r.stopDate(), store.history(r.executionArn())))));
    }

    Registration registration(String nameOrArn) {
        Registration r = machines.get(nameOf(nameOrArn));
        if (r == null) {
            throw new AslError("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + nameOrArn + "'");
        }
        return r;
    }

    private static String nameOf(String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn.substring(nameOrArn.lastIndexOf(':') + 1) : nameOrArn;
    }

    /**
     * Takes the execution's name and runs it, here or on its own thread; or returns the running execution of that
     * name when the input is the same (StartExecution's idempotency).
     */
    Execution launch(Interpreter interpreter, String definition, boolean onOwnThread) {
        checkName(interpreter.executionName());
        String arn = interpreter.executionArn();
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        Execution execution = new Execution(arn, interpreter.stateMachineArn(), interpreter.input(),
                interpreter.startTime(), result);
        ExecutionRecord record = store == null ? null : ExecutionRecord.running(arn, interpreter.stateMachineName(),
                interpreter.executionName(), interpreter.input(), definition, interpreter.startTime());
        synchronized (executions) {
            Execution existing = executions.get(arn);
            if (existing != null && !existing.isDone() && existing.input().equals(interpreter.input())) {
                return existing;
            }
            if (!names.add(arn)) {
                throw new ExecutionAlreadyExistsException(arn);
            }
            if (record != null && !store.create(record)) {
                throw new ExecutionAlreadyExistsException(arn);
            }
            executions.put(arn, execution);
        }
        if (record != null) {
            interpreter.journal(new StoreJournal(store, record));
        }
        return runOn(interpreter, execution, onOwnThread);
    }

    private Execution runOn(Interpreter interpreter, Execution execution, boolean onOwnThread) {
        String arn = execution.executionArn();
        CompletableFuture<ExecutionResult> result = execution.future();
        Runnable body = () -> {
            try {
                result.complete(interpreter.run());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            } finally {
                retire(arn, onOwnThread);
            }
        };
        if (onOwnThread) {
            Thread thread = new Thread(body, "asl-" + arn);
            thread.setDaemon(true);
            thread.start();
        } else {
            body.run();
        }
        return execution;
    }

    /**
     * Forgets a finished execution's result, keeping its name: at once when it ran on the caller's thread (the
     * caller has the result; keeping the histories of many runs would weigh on the heap), else after
     * {@value #RETAINED} more have finished.
     */
    private void retire(String arn, boolean isRetained) {
        synchronized (executions) {
            if (!isRetained) {
                executions.remove(arn);
                return;
            }
            finished.addLast(arn);
            while (finished.size() > RETAINED) {
                executions.remove(finished.removeFirst());
            }
        }
    }

    /** The definition text of {@code machine} when it is the one registered under {@code name}, else null. */
    private String definition(String name, StateMachine machine) {
        Registration r = machines.get(name);
        return r != null && r.machine() == machine ? r.definition() : null;
    }

    /**
     * Continues, each on its own thread, the executions of the store that had not ended (a previous engine on the
     * same store stopped or died). Each re-enters the top-level state it was in, as its last checkpoint says:
     * <ul>
     *   <li>a Task parked on {@code .waitForTaskToken} waits again for the same token (registered before this
     *       method returns, so SendTaskSuccess may come at once), with its TimeoutSeconds deadline unchanged;
     *       heartbeats received before the restart are forgotten (HeartbeatSeconds counts from the parking);</li>
     *   <li>a Wait waits until the same absolute instant (at once when it has passed);</li>
     *   <li>any other state, and a Task that was running, runs again from its entry: delivery is
     *       <em>at least once</em>; a Parallel or Map state runs again as a whole, including its branches'
     *       parked tasks (with new tokens) and the history events they had recorded;</li>
     * </ul>
     * The history continues from the stored events. A machine is the definition text stored with the execution,
     * else the one registered now under its name; an execution with neither is left as it is (not returned).
     * Call it once, after registering the machines.
     *
     * @return the resumed executions
     */
    public List<Execution> resume() {
        if (store == null) {
            return List.of();
        }
        List<Interpreter> resumed = new ArrayList<>();
        List<Execution> handles = new ArrayList<>();
        for (ExecutionRecord record : store.list()) {
            if (record.status() != ExecutionRecord.Status.RUNNING) {
                synchronized (executions) {
                    names.add(record.executionArn());
                }
                continue;
            }
            StateMachine machine = record.definition() != null ? AslParser.parse(record.definition())
                    : Optional.ofNullable(machines.get(record.stateMachineName())).map(Registration::machine).orElse(null);
            if (machine == null) {
                continue;
            }
            Checkpoint checkpoint = store.checkpoint(record.executionArn()).orElse(null);
            Interpreter interpreter = new Interpreter(this, machine, record, checkpoint, store.history(record.executionArn()));
            interpreter.journal(new StoreJournal(store, record));
            if (checkpoint != null && checkpoint.parked() != null) {
                Checkpoint.Parked p = checkpoint.parked();
                ParkedTask task = new ParkedTask(p.token(), p.parkedAt());
                parked.put(p.token(), task);
                interpreter.reparked(task);
            }
            Execution execution = new Execution(record.executionArn(), record.stateMachineArn(), record.input(),
                    record.startDate(), new CompletableFuture<>());
            synchronized (executions) {
                if (!names.add(record.executionArn())) {
                    continue;
                }
                executions.put(record.executionArn(), execution);
            }
            resumed.add(interpreter);
            handles.add(execution);
        }
        // Every resumed execution is known before any runs: a parent re-running startExecution finds its child.
        for (int i = 0; i < resumed.size(); i++) {
            runOn(resumed.get(i), handles.get(i), true);
        }
        return handles;
    }

    /** The object store of DISTRIBUTED Maps, if any. */
    public Optional<ObjectStore> objectStore() {
        return Optional.ofNullable(objectStore);
    }

    /** The store executions are persisted to, if any. */
    public Optional<ExecutionStore> store() {
        return Optional.ofNullable(store);
    }

    /**
     * StartExecution's rule for names: 1 to 80 characters, no whitespace, none of {@code < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /}
     * and no control characters.
     */
    static void checkName(String name) {
        if (name.isEmpty() || name.length() > 80 || !name.matches("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]+")) {
            throw new AslError(INVALID_NAME, "Invalid Name: '" + name + "' (1 to 80 characters, no whitespace,"
                    + " brackets, wildcards or punctuation such as : / , ; and no control characters)");
        }
    }

    /** A registered state machine; {@code definition} is its JSON text when registered from text, else null. */
    record Registration(String name, String arn, StateMachine machine, String definition) {
    }

    /**
     * Completes a parked task with {@code output} as its result.
     *
     * @throws TaskTokenException InvalidToken, TaskDoesNotExist (unknown or already used) or TaskTimedOut
     */
    public void sendTaskSuccess(String taskToken, JsonNode output) {
        claim(taskToken).complete(TaskCallback.success(output == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : output));
    }

    /**
     * Fails a parked task with {@code error} and {@code cause} (either may be null).
     *
     * @throws TaskTokenException InvalidToken, TaskDoesNotExist (unknown or already used) or TaskTimedOut
     */
    public void sendTaskFailure(String taskToken, String error, String cause) {
        claim(taskToken).complete(TaskCallback.failure(error, cause));
    }

    /**
     * Records a heartbeat for a parked task, restarting its HeartbeatSeconds.
     *
     * @throws TaskTokenException InvalidToken, TaskDoesNotExist (unknown or already used) or TaskTimedOut
     */
    public void sendTaskHeartbeat(String taskToken) {
        ParkedTask task = find(taskToken);
        task.heartbeat(clock.now());
    }

    private ParkedTask claim(String token) {
        ParkedTask task = find(token);
        if (parked.remove(token, task)) {
            return task;
        }
        throw new TaskTokenException("TaskDoesNotExist", "the task token was already used");
    }

    private ParkedTask find(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{64}")) {
            throw new TaskTokenException("InvalidToken", "Invalid token: not a task token issued by this engine");
        }
        ParkedTask task = parked.get(token);
        if (task == null) {
            throw new TaskTokenException("TaskDoesNotExist", "Task does not exist anymore: the token is unknown or was already used");
        }
        if (task.isTimedOut()) {
            throw new TaskTokenException("TaskTimedOut", "the task timed out");
        }
        return task;
    }

    /** Issues a new token for a task that is about to park. */
    ParkedTask park(Instant now) {
        byte[] bytes = new byte[48];
        tokens.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ParkedTask task = new ParkedTask(token, now);
        parked.put(token, task);
        return task;
    }

    /** Forgets a parked task that failed before or without a callback. */
    void unpark(ParkedTask task) {
        parked.remove(task.token(), task);
    }

    TaskResolver resolver() {
        return resolver;
    }

    ExecutionClock clock() {
        return clock;
    }

    RandomGenerator random() {
        return random;
    }
}
