package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.model.StateMachine;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Runs state machines. One engine holds the task resolver, the clock, the random source and the table of parked
 * tasks, so that {@link #sendTaskSuccess}, {@link #sendTaskFailure} and {@link #sendTaskHeartbeat} can resume any
 * execution it started.
 *
 * <p>Task tokens come from a {@link SecureRandom} (unguessable whatever the seeded source) and work once.
 */
public final class Engine {

    /** Region and account in the ARNs of local executions. */
    static final String ARN_PREFIX = "arn:aws:states:local:000000000000:";

    private final TaskResolver resolver;
    private final ExecutionClock clock;
    private final RandomGenerator random;
    private final SecureRandom tokens = new SecureRandom();
    private final Map<String, ParkedTask> parked = new ConcurrentHashMap<>();

    /**
     * @param resolver maps Task resources to handlers
     * @param clock    the executions' clock
     * @param random   the source of MathRandom, UUID, retry jitter and execution names; it must be thread-safe
     *                 (as {@link java.util.Random} is) when the clock is real, since branches then run concurrently
     */
    public Engine(TaskResolver resolver, ExecutionClock clock, RandomGenerator random) {
        this.resolver = resolver;
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
     */
    public ExecutionResult run(StateMachine machine, String stateMachineName, String executionName, JsonNode input) {
        return new Interpreter(this, machine, stateMachineName, executionName, input).run();
    }

    /** Starts an execution on its own thread; {@link Execution#await()} gives its result. */
    public Execution start(StateMachine machine, String stateMachineName, String executionName, JsonNode input) {
        Interpreter interpreter = new Interpreter(this, machine, stateMachineName, executionName, input);
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(interpreter.run());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, "asl-" + interpreter.executionArn());
        thread.setDaemon(true);
        thread.start();
        return new Execution(interpreter.executionArn(), result);
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
