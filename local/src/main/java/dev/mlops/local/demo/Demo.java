package dev.mlops.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.MlopsException;
import dev.mlops.local.LocalEnvironment;
import dev.mlops.local.runtime.LocalRuntime;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.trainer.data.CreditRiskGenerator;
import dev.mlops.trainer.data.DriftKnobs;
import dev.mlops.workflows.asl.eval.Execution;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.eval.HistoryEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code ./mlops demo}: the whole loop as one scripted story in one JVM, through the same code paths as
 * {@code ./mlops up} (the control API and the inference API over real HTTP, the workflow engine with the pipeline
 * tasks, the in-process trainer), with the {@code demo} policy profile of model.json (5 s bakes, low minimums) on
 * the real clock:
 * <ol>
 *   <li>v1 trained on reference data, started by {@code ds-demo}, approved by {@code approver-demo}, released
 *       through its canary steps and promoted;</li>
 *   <li>v2 trained on a shifted population (higher incomes), released 10% -> 50% -> 100% against v1 and promoted;</li>
 *   <li>v3 trained on data whose labels were inverted (an ETL bug): its offline metrics look as good as v2's, the
 *       canary sees live scores and outcomes disagree and rolls it back;</li>
 *   <li>drift-check on clean traffic (no drift), then on traffic whose {@code debt_ratio} moved: DRIFT, and the
 *       retraining starts as {@code system:drift} and waits for a person's approval.</li>
 * </ol>
 * Each expected outcome is checked; the first one that does not hold stops the demo with {@link DemoFailure}.
 */
public final class Demo {

    /** The demo's model. */
    public static final String MODEL = "credit-risk";
    /** The policy profile of model.json the demo runs with. */
    public static final String PROFILE = "demo";
    /** The marker file of a folder the demo owns (and may replace on the next run). */
    static final String MARKER = ".mlops-demo";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RELEASE_TIMEOUT = Duration.ofMinutes(4);
    /** The population v2 was trained on and that later traffic comes from: incomes 15% higher. */
    private static final DriftKnobs SHIFTED = DriftKnobs.none().withScale("income", 1.15);
    /**
     * The drifted population: debt_ratio 0.06 higher (a third of a standard deviation): clear in live traffic, and
     * small enough that the retrained version's training data still passes the gate's PSI check against the champion
     * (a larger move fails it: the gate then wants a person to look before any traffic).
     */
    private static final DriftKnobs DRIFTED = SHIFTED.withShift("debt_ratio", 0.06);

    /**
     * What the demo runs with.
     *
     * @param home         the demo's own MLOPS_HOME (replaced when it holds a previous demo)
     * @param modelsDir    the models folder (models/credit-risk/model.json)
     * @param workflowsDir the workflows folder
     * @param port         the API's port, 0 for any free one
     * @param rows         rows per training dataset
     */
    public record Options(Path home, Path modelsDir, Path workflowsDir, int port, String codeRevision, int rows) {
    }

    private final Options options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final long startedNanos = System.nanoTime();
    private LocalRuntime runtime;
    private ApiClient api;
    private DemoTokens tokens;
    private Traffic traffic;

    public Demo(Options options, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the story; the runtime stays up afterwards (see {@link #runtime()}) until {@link #close()}.
     *
     * @throws DemoFailure when an outcome is not the expected one
     */
    public void run() {
        section("setup");
        prepareHome(options.home());
        tokens = DemoTokens.create(options.home(), new SecureRandom());
        LocalEnvironment env = LocalEnvironment.from(Map.of("MLOPS_HOME", options.home().toString(),
                "MLOPS_MODELS", options.modelsDir().toString()), Clock.systemUTC());
        env.store().put(ModelVersions.configKey(MODEL), read(env.configFile(MODEL).orElseThrow(() -> new DemoFailure(
                "no " + options.modelsDir().resolve(MODEL).resolve("model.json") + ": run the demo from the repository root"))));
        String reference = dataset(env, "demo-1-reference.csv", new CreditRiskGenerator(101, DriftKnobs.none()), false);
        String shifted = dataset(env, "demo-2-shifted.csv", new CreditRiskGenerator(102, SHIFTED), false);
        String corrupted = dataset(env, "demo-3-inverted-labels.csv", new CreditRiskGenerator(103, SHIFTED), true);
        say("state in %s; %,d-row datasets from the generator: reference, shifted (incomes +15%%), inverted labels",
                options.home(), options.rows());
        runtime = LocalRuntime.start(env, new LocalRuntime.Options(options.workflowsDir(), options.port(), options.codeRevision()),
                line -> progress(line));
        api = new ApiClient(runtime.url());
        // About 600 predictions a second: at the 10% step the challenger serves a few hundred within one 5 s bake.
        // The demo profile would judge 30, but a score PSI over a few dozen is mostly sampling noise.
        traffic = new Traffic(api, tokens.of(DemoTokens.CLIENT), MODEL, 15, 40);
        say("runtime up on %s (engine, pipeline functions, inference and control APIs, console at /console/)", runtime.url());

        section("v1: first release");
        release("v1", reference, "first model, reference data", new CreditRiskGenerator(201, DriftKnobs.none()), "PROMOTED");
        section("v2: retrained on the shifted population, canary 10% -> 50% -> 100% against v1");
        release("v2", shifted, "population moved: incomes +15%", new CreditRiskGenerator(202, SHIFTED), "PROMOTED");
        section("v3: trained on inverted labels (an ETL bug), offline metrics look fine");
        release("v3", corrupted, "labels inverted by a bug upstream", new CreditRiskGenerator(203, SHIFTED), "ROLLED_BACK");
        section("drift: clean traffic, then debt_ratio moves");
        drift(env);
        kpis(env);
        section("done");
        summary();
    }

    /** The running runtime, after {@link #run()}. */
    public LocalRuntime runtime() {
        return runtime;
    }

    /** Stops the traffic and the runtime. */
    public void close() {
        if (traffic != null) {
            traffic.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Stops only the simulated traffic (the runtime stays up). */
    public void stopTraffic() {
        if (traffic != null) {
            traffic.close();
        }
    }

    private void release(String version, String dataset, String why, CreditRiskGenerator population, String expected) {
        JsonNode started = api.expect(202, "POST", "/v1/models/" + MODEL + "/trainings", tokens.of(DemoTokens.DATA_SCIENTIST),
                Map.of("dataset", dataset, "seed", 42, "policyProfile", PROFILE));
        String arn = started.path("executionArn").asText();
        say("%s starts training-pipeline %s on %s (%s)", DemoTokens.DATA_SCIENTIST, started.path("name").asText(), dataset, why);
        String id = MODEL + "." + version;
        String approver = tokens.of(DemoTokens.APPROVER);
        waitFor("the approval request of " + version, arn, () -> {
            for (JsonNode a : api.expect(200, "GET", "/v1/approvals", approver, null).path("approvals")) {
                if (id.equals(a.path("id").asText())) {
                    return true;
                }
            }
            return false;
        });
        JsonNode evidence = api.expect(200, "GET", "/v1/approvals/" + id, approver, null).path("evidence");
        say("trained, registered and gated: %s %s, holdout AUC %.3f%s; waiting for approval", version,
                evidence.path("verdict").asText(), evidence.path("metrics").path("auc").asDouble(),
                evidence.path("champion").isTextual() ? String.format(Locale.ROOT, " (champion %s: %.3f), training-data PSI max %.3f",
                        evidence.path("champion").asText(), evidence.path("championMetrics").path("auc").asDouble(), maxPsi(evidence)) : "");
        if (version.equals("v1")) {
            ApiClient.Reply refused = api.send("POST", "/v1/approvals/" + id + "/approve", tokens.of(DemoTokens.DATA_SCIENTIST),
                    Map.of("comment", "my own model looks great"));
            expect(refused.status() == 403, "the data scientist's own approval must be refused, got " + refused.status());
            say("%s (a data scientist, not an approver) tries to approve its own training: %d %s", DemoTokens.DATA_SCIENTIST, refused.status(),
                    refused.body().path("title").asText());
        }
        api.expect(200, "POST", "/v1/approvals/" + id + "/approve", approver, Map.of("comment", "evidence reviewed: " + why));
        say("%s approves %s through the control API; the execution resumes", DemoTokens.APPROVER, version);
        traffic.send(population);
        JsonNode output = watchCanary(arn);
        String outcome = output.path("outcome").asText();
        JsonNode reasons = output.path("canary").path("reasons");
        say("%s %s: %s", version, outcome, String.join("; ", texts(reasons)));
        expect(expected.equals(outcome), version + " ended " + outcome + ", expected " + expected);
        JsonNode deployment = api.expect(200, "GET", "/v1/models/" + MODEL + "/deployment", tokens.of(DemoTokens.ANALYST), null)
                .path("deployment");
        String champion = expected.equals("PROMOTED") ? version : previous(version);
        expect(champion.equals(deployment.path("champion").asText()) && !deployment.hasNonNull("challenger"),
                "after " + outcome + " the deployment should be champion " + champion + " alone, got " + deployment);
        say("deployment: champion %s, no challenger; traffic so far %s", champion, traffic.served());
    }

    /**
     * Follows an execution to its end, printing each deployment step and canary verdict from its history (read from
     * the engine's store, as the console reads it); returns its output.
     */
    private JsonNode watchCanary(String arn) {
        String analyst = tokens.of(DemoTokens.ANALYST);
        int seen = 0;
        long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
        while (true) {
            JsonNode execution = api.expect(200, "GET", "/v1/executions/" + ApiClient.encode(arn) + "?limit=1", analyst, null)
                    .path("execution");
            List<HistoryEvent> history = runtime.workflows().engine().store().orElseThrow().history(arn);
            for (; seen < history.size(); seen++) {
                HistoryEvent event = history.get(seen);
                if (event.type().endsWith("StateExited")) {
                    narrate(event.details().path("name").asText(), event.details().path("output"));
                }
            }
            String status = execution.path("summary").path("status").asText();
            if (!status.equals("RUNNING")) {
                expect(status.equals("SUCCEEDED"), "training-pipeline " + status + ": " + execution.path("error").asText()
                        + " " + execution.path("cause").asText());
                return parse(execution.path("output").asText());
            }
            expect(System.nanoTime() < deadline, "training-pipeline still running after " + RELEASE_TIMEOUT);
            sleep(300);
        }
    }

    private void narrate(String state, JsonNode output) {
        switch (state) {
            case "DeployCanary" -> say("  canary step %d: %s takes %d%% of the traffic", output.path("deployment").path("stepIndex").asInt() + 1,
                    output.path("registration").path("version").asText(), output.path("deployment").path("weight").asInt());
            case "AnalyzeCanary" -> say("  analysis: %s (%s)%s", output.path("canary").path("verdict").asText(),
                    String.join("; ", texts(output.path("canary").path("reasons"))), servedNow());
            default -> {
            }
        }
    }

    private String servedNow() {
        return "; served " + traffic.served();
    }

    private void drift(LocalEnvironment env) {
        traffic.burst(new CreditRiskGenerator(204, SHIFTED), 50, 20);
        ExecutionResult clean = driftCheck("clean");
        String cleanVerdict = clean.output().path("drift").path("verdict").asText();
        say("drift-check on clean traffic: %s", cleanVerdict);
        expect(!cleanVerdict.equals("DRIFT"), "drift-check flagged clean traffic as DRIFT (report "
                + clean.output().path("drift").path("reportKey").asText() + ")");

        String recent = dataset(env, "demo-4-recent.csv", new CreditRiskGenerator(104, DRIFTED), false);
        traffic.send(new CreditRiskGenerator(205, DRIFTED));
        traffic.burst(new CreditRiskGenerator(206, DRIFTED), 1000, 25);
        say("debt_ratio moved (+0.06, a third of a standard deviation); newest labelled data %s", recent);
        ExecutionResult drifted = driftCheck("drifted");
        String verdict = drifted.output().path("drift").path("verdict").asText();
        String reportKey = drifted.output().path("drift").path("reportKey").asText();
        JsonNode report = env.store().get(reportKey).map(o -> parse(o.text())).orElse(JSON.createObjectNode());
        say("drift-check: %s over %,d rows (%s; report %s)", verdict, report.path("rows").asLong(),
                String.join("; ", texts(report.path("reasons"))), reportKey);
        expect(verdict.equals("DRIFT"), "drift-check on drifted traffic answered " + verdict + ", expected DRIFT");

        String name = "retrain-" + MODEL + "-" + LocalDate.ofInstant(java.time.Instant.now(), ZoneOffset.UTC);
        JsonNode retraining = null;
        for (JsonNode e : api.expect(200, "GET", "/v1/executions?stateMachine=training-pipeline&limit=100",
                tokens.of(DemoTokens.ANALYST), null).path("executions")) {
            if (name.equals(e.path("name").asText())) {
                retraining = e;
            }
        }
        expect(retraining != null, "no training-pipeline execution named " + name + " after DRIFT");
        String arn = retraining.path("executionArn").asText();
        JsonNode input = parse(api.expect(200, "GET", "/v1/executions/" + ApiClient.encode(arn), tokens.of(DemoTokens.ANALYST), null)
                .path("execution").path("input").asText());
        expect("system:drift".equals(input.path("initiator").asText()), "the retraining's initiator is " + input.path("initiator"));
        say("retraining started: %s as %s on %s", name, input.path("initiator").asText(), input.path("dataset").asText());
        String approver = tokens.of(DemoTokens.APPROVER);
        waitFor("the retrained version's approval request", arn, () -> {
            for (JsonNode a : api.expect(200, "GET", "/v1/approvals", approver, null).path("approvals")) {
                if (a.path("id").asText().equals(MODEL + ".v4")) {
                    return true;
                }
            }
            return false;
        });
        say("v4 trained on the recent data and gated; it waits for a person's approval (the loop is closed)");
    }

    /**
     * Runs kpi-report as its schedule would (every MLOPS_KPI_INTERVAL in {@code ./mlops up}, daily in AWS) over the
     * feedback the traffic sent, and prints the per-version KPIs read from the report it wrote.
     */
    private void kpis(LocalEnvironment env) {
        JsonNode result = runtime.invoke("kpi-report", JSON.createObjectNode().put("model", MODEL));
        String key = result.path("reportKey").asText();
        JsonNode report = env.store().get(key).map(o -> parse(o.text())).orElse(null);
        expect(report != null, "kpi-report wrote no report (reportKey '" + key + "')");
        List<String> versions = new java.util.ArrayList<>();
        for (JsonNode row : report.path("byVersion")) {
            versions.add(String.format(java.util.Locale.ROOT, "%s accuracy %s, AUC %s, business value %.1f (%,d labelled)",
                    row.path("version").asText(), number(row.path("accuracy")), number(row.path("auc")),
                    row.path("value").asDouble(), row.path("labelled").asLong()));
        }
        expect(!versions.isEmpty(), "the KPI report " + key + " has no version rows");
        say("KPIs from feedback (%s, GET /v1/models/%s/kpis): %s", key, MODEL, String.join("; ", versions));
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? String.format(java.util.Locale.ROOT, "%.3f", value.asDouble()) : "n/a";
    }

    /** Starts drift-check as its schedule would (EventBridge Scheduler in AWS) and waits for its end. */
    private ExecutionResult driftCheck(String what) {
        Execution execution = runtime.workflows().start("drift-check", "drift-check-" + what + "-" + System.currentTimeMillis(),
                JSON.createObjectNode().put("model", MODEL).put("policyProfile", PROFILE));
        say("drift-check started (as its schedule would start it); champion traffic so far %s", traffic.served());
        ExecutionResult result = execution.await();
        expect(result.status() == ExecutionResult.Status.SUCCEEDED, "drift-check " + result.status() + ": " + result.error()
                + " " + result.cause());
        return result;
    }

    private void summary() {
        JsonNode versions = api.expect(200, "GET", "/v1/models/" + MODEL + "/versions", tokens.of(DemoTokens.ANALYST), null)
                .path("versions");
        for (JsonNode v : versions) {
            say("  %s %s", v.path("version").asText(), v.path("status").asText());
        }
        say("every outcome as expected: v1 and v2 PROMOTED, v3 ROLLED_BACK, DRIFT -> retraining v4 waiting for approval");
        if (traffic.refused() > 0) {
            say("(%d prediction requests were refused along the way, last: %s)", traffic.refused(), traffic.lastRefusal());
        }
    }

    private void waitFor(String what, String executionArn, Supplier<Boolean> done) {
        long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
        long nextProgress = System.nanoTime() + 10_000_000_000L;
        while (!done.get()) {
            JsonNode execution = api.expect(200, "GET", "/v1/executions/" + ApiClient.encode(executionArn),
                    tokens.of(DemoTokens.ANALYST), null).path("execution");
            String status = execution.path("summary").path("status").asText();
            if (!status.equals("RUNNING")) {
                throw new DemoFailure("waiting for " + what + ", the execution ended " + status + ": "
                        + execution.path("output").asText(execution.path("error").asText() + " " + execution.path("cause").asText()));
            }
            expect(System.nanoTime() < deadline, "no " + what + " after " + RELEASE_TIMEOUT);
            if (System.nanoTime() > nextProgress) {
                progress("still waiting for " + what + " (training runs in process)");
                nextProgress = System.nanoTime() + 10_000_000_000L;
            }
            sleep(250);
        }
    }

    private String dataset(LocalEnvironment env, String file, CreditRiskGenerator generator, boolean invertLabels) {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        generator.writeCsv(options.rows(), csv);
        byte[] bytes = invertLabels ? invertLabels(csv.toByteArray()) : csv.toByteArray();
        String key = "datasets/" + MODEL + "/" + file;
        env.store().put(key, bytes);
        return key;
    }

    /** The same rows with the label column (the last) flipped: 0 <-> 1. */
    static byte[] invertLabels(byte[] csv) {
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n");
        StringBuilder flipped = new StringBuilder(csv.length);
        flipped.append(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            char label = line.charAt(line.length() - 1);
            flipped.append(line, 0, line.length() - 1).append(label == '1' ? '0' : '1').append('\n');
        }
        return flipped.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Makes {@code home} an empty folder the demo owns: a previous demo's folder is replaced, anything else refused. */
    static void prepareHome(Path home) {
        try {
            if (Files.exists(home)) {
                boolean isEmpty;
                try (Stream<Path> entries = Files.list(home)) {
                    isEmpty = entries.findAny().isEmpty();
                }
                if (!isEmpty && !Files.exists(home.resolve(MARKER))) {
                    throw new MlopsException(home + " exists and was not made by the demo; remove it or set MLOPS_HOME elsewhere");
                }
                try (Stream<Path> all = Files.walk(home)) {
                    for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                        if (!p.equals(home)) {
                            Files.delete(p);
                        }
                    }
                }
            }
            Files.createDirectories(home);
            Files.createFile(home.resolve(MARKER));
        } catch (IOException e) {
            throw new MlopsException("cannot prepare the demo's folder " + home + " (" + e + "); set MLOPS_HOME to a writable folder", e);
        }
    }

    private static String previous(String version) {
        return "v" + (Integer.parseInt(version.substring(1)) - 1);
    }

    private static double maxPsi(JsonNode evidence) {
        double max = 0;
        for (Iterator<JsonNode> it = evidence.path("trainingDataPsi").elements(); it.hasNext(); ) {
            max = Math.max(max, it.next().asDouble());
        }
        return max;
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text == null || text.isEmpty() ? "{}" : text);
        } catch (IOException e) {
            throw new DemoFailure("not JSON: " + text);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MlopsException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void expect(boolean condition, String failure) {
        if (!condition) {
            throw new DemoFailure(failure);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted");
        }
    }

    private void section(String title) {
        out.printf("%n[%6.1fs] == %s%n", seconds(), title);
        out.flush();
    }

    private void say(String format, Object... args) {
        out.printf("[%6.1fs] %s%n", seconds(), String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private void progress(String line) {
        err.printf("demo: %s%n", line);
        err.flush();
    }

    private double seconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
