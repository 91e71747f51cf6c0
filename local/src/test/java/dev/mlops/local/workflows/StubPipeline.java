package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.store.ArtifactStore;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.eval.VirtualClock;
import dev.mlops.workflows.asl.persist.ExecutionStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The workflows in the local engine with instant stub handlers that follow docs/workflow-contracts.md, a virtual
 * clock, and every call, training job and notification recorded.
 */
public final class StubPipeline {

    static final Path WORKFLOWS = Path.of("..", "workflows");
    /** The virtual clock's start. */
    public static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    /** One function call. */
    record Call(String function, JsonNode payload) {
    }

    final VirtualClock clock;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<Notification> notifications = new CopyOnWriteArrayList<>();
    final List<TrainingJobSpec> trainings = new CopyOnWriteArrayList<>();
    /** request-approval payloads (they carry the task token), for tests that decide from outside. */
    final BlockingQueue<JsonNode> approvalRequests = new LinkedBlockingQueue<>();
    /** AnalyzeCanary's verdicts in order; when empty: NEXT_STEP until the last step, then PROMOTE. */
    final Deque<String> canaryVerdicts = new ConcurrentLinkedDeque<>();
    final Map<String, LocalFunction> overrides = new ConcurrentHashMap<>();
    final ObjectNode policy = (ObjectNode) json("{\"approvalTimeoutSeconds\": 86400, \"bakeSeconds\": 600,"
            + " \"steps\": [10, 50, 100], \"maxExtensions\": 2}");
    volatile String evaluation = "PASS";
    volatile String drift = "OK";
    /** The champion's trainer.gpus that the drift-check stub reports. */
    volatile int gpus = 0;
    volatile TrainingJobRunner trainer = job -> "v1";
    /** When set, request-approval decides inside the call (the execution never waits). */
    volatile Consumer<String> approveInline;
    private int revision;

    /** plan-batch and score-batch, when an artifact store was given. */
    final StubBatchScoring batch;
    /** The workflows, wired to the stubs. */
    public final LocalWorkflows workflows;

    /** In memory, the clock starting at {@link #START}. */
    public StubPipeline() {
        this(null, START);
    }

    /** With executions persisted in {@code store} (null: memory only), the clock starting at {@code start}. */
    public StubPipeline(ExecutionStore store, Instant start) {
        this(store, start, null);
    }

    /**
     * With executions persisted in {@code store} (null: memory only), the clock starting at {@code start}, and
     * {@code artifacts} (null: none) as the bucket {@code local} with {@link StubBatchScoring}'s functions.
     */
    public StubPipeline(ExecutionStore store, Instant start, ArtifactStore artifacts) {
        clock = new VirtualClock(start);
        batch = artifacts == null ? null : new StubBatchScoring(artifacts);
        LocalIntegrations integrations = new LocalIntegrations(new LocalFunctions(functions()), this::train,
                notifications::add, "local-train-");
        workflows = LocalWorkflows.builder(WORKFLOWS).integrations(integrations).clock(clock).random(new Random(7))
                .executions(store)
                .objects(artifacts == null ? null : new ArtifactObjectStore("local", artifacts, Clock.fixed(start, ZoneOffset.UTC)))
                .load();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** The contract's example training-pipeline input. */
    public static JsonNode trainingInput() {
        return json("{\"model\": \"credit-risk\", \"dataset\": \"datasets/credit-risk/2026-11-27.csv\","
                + " \"initiator\": \"ds-alice\", \"seed\": 42}");
    }

    /** The JobQueue of a run's Batch submission, from the Train task's TaskScheduled event. */
    static String submittedQueue(ExecutionResult result) {
        return result.history().stream().filter(e -> e.type().equals("TaskScheduled"))
                .map(e -> e.details().path("parameters"))
                .filter(p -> p.has("JobQueue"))
                .map(p -> p.path("JobQueue").asText())
                .findFirst().orElseThrow(() -> new AssertionError("no Batch submission in " + result.executionArn()));
    }

    List<JsonNode> payloads(String function) {
        return calls.stream().filter(c -> c.function().equals(function)).map(Call::payload).toList();
    }

    long count(String function) {
        return payloads(function).size();
    }

    /** The next approval request, waiting for the execution to reach RequestApproval. */
    JsonNode awaitApprovalRequest() {
        try {
            JsonNode request = approvalRequests.poll(10, TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("no execution reached RequestApproval within 10 s");
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String train(TrainingJobSpec job) {
        trainings.add(job);
        return trainer.run(job);
    }

    private Map<String, LocalFunction> functions() {
        Map<String, LocalFunction> f = new ConcurrentHashMap<>();
        f.put("register", p -> obj().put("version", "v1").put("status", "REGISTERED").set("policy", policy.deepCopy()));
        f.put("evaluate", p -> obj().put("verdict", evaluation).put("evidenceKey", "evidence/credit-risk/v1.json")
                .set("reasons", JSON.createArrayNode().add(evaluation.equals("PASS") ? "better than champion" : "AUC below 0.7")));
        f.put("request-approval", this::requestApproval);
        f.put("expire-approval", p -> obj().put("status", "EXPIRED"));
        f.put("deploy-canary", this::deployCanary);
        f.put("analyze-canary", this::analyzeCanary);
        f.put("promote", p -> obj().put("champion", p.path("version").asText()).put("revision", ++revision));
        f.put("rollback", p -> obj().put("status", "ROLLED_BACK"));
        f.put("record-failure", p -> obj().put("recorded", true));
        f.put("drift-check", p -> obj().put("verdict", drift).put("reportKey", "drift/credit-risk/report.json")
                .put("dataset", "datasets/credit-risk/2026-11-27.csv").put("gpus", gpus));
        if (batch != null) {
            f.putAll(batch.functions());
        }
        Map<String, LocalFunction> recorded = new ConcurrentHashMap<>();
        f.forEach((name, fn) -> recorded.put(name, payload -> {
            calls.add(new Call(name, payload));
            return overrides.getOrDefault(name, fn).invoke(payload);
        }));
        return recorded;
    }

    /** Functions added after construction (batch inference) still go through the recording wrapper. */
    void override(String name, LocalFunction fn) {
        overrides.put(name, fn);
    }

    private JsonNode requestApproval(JsonNode p) {
        approvalRequests.add(p);
        Consumer<String> inline = approveInline;
        if (inline != null) {
            inline.accept(p.path("taskToken").asText());
        }
        return obj().put("requested", true);
    }

    private JsonNode deployCanary(JsonNode p) {
        int step = p.path("stepIndex").asInt();
        return obj().put("weight", policy.path("steps").path(step).asInt()).put("stepIndex", step)
                .put("revision", ++revision).put("deployedAt", clock.now().toString());
    }

    private JsonNode analyzeCanary(JsonNode p) {
        int step = p.path("stepIndex").asInt();
        int extensions = p.path("extensions").asInt();
        String verdict = canaryVerdicts.poll();
        if (verdict == null) {
            verdict = step + 1 < policy.path("steps").size() ? "NEXT_STEP" : "PROMOTE";
        }
        return obj().put("verdict", verdict)
                .put("reportKey", "canary/credit-risk/v1/" + step + ".json")
                .put("stepIndex", verdict.equals("NEXT_STEP") ? step + 1 : step)
                .put("extensions", verdict.equals("EXTEND") ? extensions + 1 : extensions)
                .set("reasons", JSON.createArrayNode().add(verdict.equals("ROLLBACK") ? "challenger error rate 4x champion"
                        : "challenger error rate within bounds"));
    }

    private static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    /** Approves inside RequestApproval, so an execution runs through on the calling thread. */
    public void approveInline() {
        approveInline = token -> workflows.sendTaskSuccess(token,
                json("{\"decision\": \"APPROVED\", \"approver\": \"bob\", \"comment\": \"ok\"}"));
    }
}
