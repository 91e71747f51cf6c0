package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.model.StateMachine;
import dev.mlops.workflows.asl.parse.AslParser;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
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
 * the results of the last {@value #RETAINED} finished executions; older ones keep only their names.
 *
 * <p>State machines registered with {@link #register(String, StateMachine)} can be started by name or ARN, also
 * from a Task state: {@code arn:aws:states:::states:startExecution} (and {@code .sync}, {@code .sync:2},
 * {@code .waitForTaskToken}) is built in, used whenever the given resolver does not resolve it.
 */
public final class Engine {

    /** Region and account in the ARNs of local executions. */
    static final String ARN_PREFIX = "arn:aws:states:local:000000000000:";

    /** How many finished executions keep their results in memory. */
    static final int RETAINED = 1000;

    private final TaskResolver resolver;
    private final ExecutionClock clock;
    private final RandomGenerator random;
    private final SecureRandom tokens = new SecureRandom();
    private final Map<String, ParkedTask> parked = new ConcurrentHashMap<>();
    private final Map<String, Registration> machines = new ConcurrentHashMap<>();
    /** Guarded by itself: running executions and the last {@link #RETAINED} finished ones, by ARN. */
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
        this.resolver = resolver.orElse(new StatesIntegration(this));
        this.clock = clock;
        this.random = random;
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
        return launch(new Interpreter(this, machine, stateMachineName, executionName, input), false).await();
    }

    /**
     * Starts an execution on its own thread; {@link Execution#await()} gives its result.
     *
     * @throws ExecutionAlreadyExistsException when the name is taken (by a finished execution, or a running one
     *                                         with another input)
     */
    public Execution start(StateMachine machine, String stateMachineName, String executionName, JsonNode input) {
        return launch(new Interpreter(this, machine, stateMachineName, executionName, input), true);
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
        String arn = stateMachineArn(name);
        machines.put(name, new Registration(name, arn, machine));
        return arn;
    }

    /**
     * Parses and registers a definition.
     *
     * @throws dev.mlops.workflows.asl.parse.DefinitionException when it is invalid
     */
    public String register(String name, String definition) {
        return register(name, AslParser.parse(definition));
    }

    /** The ARN a state machine registered under {@code name} has. */
    public String stateMachineArn(String name) {
        return ARN_PREFIX + "stateMachine:" + name;
    }

    /** The machine registered under a name or ARN. */
    public Optional<StateMachine> stateMachine(String nameOrArn) {
        return Optional.ofNullable(machines.get(nameOf(nameOrArn))).map(Registration::machine);
    }

    /** A running execution, or a finished one the engine still remembers. */
    public Optional<Execution> execution(String executionArn) {
        synchronized (executions) {
            return Optional.ofNullable(executions.get(executionArn));
        }
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
    Execution launch(Interpreter interpreter, boolean onOwnThread) {
        String arn = interpreter.executionArn();
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        Execution execution = new Execution(arn, interpreter.stateMachineArn(), interpreter.input(),
                interpreter.startTime(), result);
        synchronized (executions) {
            Execution existing = executions.get(arn);
            if (existing != null && !existing.isDone() && existing.input().equals(interpreter.input())) {
                return existing;
            }
            if (!names.add(arn)) {
                throw new ExecutionAlreadyExistsException(arn);
            }
            executions.put(arn, execution);
        }
        Runnable body = () -> {
            try {
                result.complete(interpreter.run());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            } finally {
                retire(arn);
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

    private void retire(String arn) {
        synchronized (executions) {
            finished.addLast(arn);
            while (finished.size() > RETAINED) {
                executions.remove(finished.removeFirst());
            }
        }
    }

    /** A registered state machine. */
    record Registration(String name, String arn, StateMachine machine) {
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
