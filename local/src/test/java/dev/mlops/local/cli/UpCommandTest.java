package dev.mlops.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.local.LocalEnvironment;
import dev.mlops.local.runtime.LocalRuntime;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.roles.LocalTokens;
import dev.mlops.roles.Role;
import dev.mlops.trainer.data.CreditRiskGenerator;
import dev.mlops.trainer.data.DriftKnobs;
import dev.mlops.workflows.asl.persist.DirectoryExecutionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./mlops up}'s runtime over a temporary MLOPS_HOME on a random port, through real HTTP: health without a
 * token, the tokens file, the console, and a training parked on its approval that survives a restart and completes
 * when approved on the new runtime.
 */
class UpCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MODELS = Path.of("..", "models").toAbsolutePath().normalize();
    private static final Path WORKFLOWS = Path.of("..", "workflows").toAbsolutePath().normalize();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path home;

    private LocalEnvironment env() {
        return LocalEnvironment.from(Map.of("MLOPS_HOME", home.toString(), "MLOPS_MODELS", MODELS.toString()), Clock.systemUTC());
    }

    private LocalRuntime start() {
        return LocalRuntime.start(env(), new LocalRuntime.Options(WORKFLOWS, 0, "test"), line -> { });
    }

    @Test
    void up_randomPort_healthOpenTokensPrivateConsoleServed() throws Exception {
        try (LocalRuntime runtime = start()) {
            assertTrue(runtime.tokens().isNew());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("tokens.json"))));
            assertEquals(200, get(runtime.url(), "/v1/health", null).statusCode());
            assertEquals(200, get(runtime.url(), "/v2/health/live", null).statusCode());
            assertEquals(200, get(runtime.url(), "/console/", null).statusCode());
            assertEquals(401, get(runtime.url(), "/v1/approvals", null).statusCode());
            String analyst = runtime.tokens().tokens().tokenFor(Role.ANALYST).orElseThrow();
            HttpResponse<String> executions = get(runtime.url(), "/v1/executions?stateMachine=training-pipeline", analyst);
            assertEquals(200, executions.statusCode(), executions.body());

            StringWriter out = new StringWriter();
            UpCommand.describe(new PrintWriter(out, true), runtime);
            assertTrue(out.toString().contains("created local tokens"), out.toString());
            assertTrue(out.toString().contains(runtime.url() + "/console/"), out.toString());
        }
        try (LocalRuntime again = start()) {
            assertFalse(again.tokens().isNew(), "the second start reads the tokens it created");
            StringWriter out = new StringWriter();
            UpCommand.describe(new PrintWriter(out, true), again);
            assertFalse(out.toString().contains("mlops_"), "tokens are printed once: " + out);
        }
    }

    @Test
    void up_portTaken_orHomeUnwritable_isClearError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            int code = MlopsCli.run(Map.of("MLOPS_HOME", home.toString(), "MLOPS_WORKFLOWS", WORKFLOWS.toString()), Clock.systemUTC(),
                    new PrintWriter(new StringWriter()), new PrintWriter(err), "up", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(1, code);
            assertTrue(err.toString().contains("port " + taken.getLocalPort() + " on 127.0.0.1 is taken"), err.toString());
        }
        Path file = Files.writeString(home.resolve("a-file"), "not a folder");
        StringWriter err = new StringWriter();
        int code = MlopsCli.run(Map.of("MLOPS_HOME", file.resolve("home").toString()), Clock.systemUTC(),
                new PrintWriter(new StringWriter()), new PrintWriter(err), "up", "--port", "0");
        assertEquals(1, code);
        assertTrue(err.toString().contains("set MLOPS_HOME to a writable folder"), err.toString());
    }

    @Test
    void up_restartWithParkedApproval_approveOnTheNewRuntime_executionCompletes() throws Exception {
        LocalEnvironment env = env();
        env.store().put(ModelVersions.configKey("credit-risk"), Files.readAllBytes(MODELS.resolve("credit-risk/model.json")));
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        new CreditRiskGenerator(7, DriftKnobs.none()).writeCsv(5000, csv);
        env.store().put("datasets/credit-risk/up-test.csv", csv.toByteArray());

        String arn;
        LocalTokens tokens;
        try (LocalRuntime first = start()) {
            tokens = first.tokens().tokens();
            HttpResponse<String> started = send(first.url(), "POST", "/v1/models/credit-risk/trainings",
                    tokens.tokenFor(Role.DATA_SCIENTIST).orElseThrow(),
                    Map.of("dataset", "datasets/credit-risk/up-test.csv", "seed", 42, "policyProfile", "demo"));
            assertEquals(202, started.statusCode(), started.body());
            arn = JSON.readTree(started.body()).path("executionArn").asText();
            DirectoryExecutionStore store = new DirectoryExecutionStore(home.resolve("executions"));
            for (int i = 0; i < 600 && store.checkpoint(arn).map(c -> c.parked() == null).orElse(true); i++) {
                Thread.sleep(100);
            }
            assertTrue(store.checkpoint(arn).map(c -> c.parked() != null).orElse(false), "the training parks on its approval");
        }

        try (LocalRuntime second = start()) {
            String approver = tokens.tokenFor(Role.APPROVER).orElseThrow();
            JsonNode pending = JSON.readTree(get(second.url(), "/v1/approvals", approver).body()).path("approvals");
            assertEquals(1, pending.size(), pending.toString());
            assertEquals("credit-risk.v1", pending.get(0).path("id").asText());

            AtomicBoolean running = new AtomicBoolean(true);
            Thread traffic = new Thread(() -> predictWhile(second.url(), tokens.tokenFor(Role.CLIENT).orElseThrow(), running));
            HttpResponse<String> approved = send(second.url(), "POST", "/v1/approvals/credit-risk.v1/approve", approver,
                    Map.of("comment", "approved after a restart"));
            assertEquals(200, approved.statusCode(), approved.body());
            assertTrue(JSON.readTree(approved.body()).path("resumed").asBoolean(), approved.body());
            traffic.start();
            try {
                JsonNode execution = awaitEnd(second.url(), arn, tokens.tokenFor(Role.ANALYST).orElseThrow());
                assertEquals("SUCCEEDED", execution.path("summary").path("status").asText(), execution.toString());
                assertEquals("PROMOTED", JSON.readTree(execution.path("output").asText()).path("outcome").asText());
            } finally {
                running.set(false);
                traffic.join();
            }
        }
    }

    /** The first release's canary judges its own traffic: a client keeps asking while it runs. */
    private void predictWhile(URI base, String token, AtomicBoolean running) {
        CreditRiskGenerator applicants = new CreditRiskGenerator(8, DriftKnobs.none());
        while (running.get()) {
            List<Map<String, Object>> instances = new ArrayList<>();
            applicants.next(4).forEach(a -> instances.add(a.features()));
            try {
                send(base, "POST", "/v1/models/credit-risk/predict", token, Map.of("instances", instances));
                Thread.sleep(20);
            } catch (Exception e) {
                return;
            }
        }
    }

    private JsonNode awaitEnd(URI base, String arn, String token) throws Exception {
        for (int i = 0; i < 1200; i++) {
            HttpResponse<String> reply = get(base, "/v1/executions/" + URLEncoder.encode(arn, StandardCharsets.UTF_8), token);
            JsonNode execution = JSON.readTree(reply.body()).path("execution");
            if (!execution.path("summary").path("status").asText().equals("RUNNING")) {
                return execution;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the execution did not end within 2 minutes: " + arn);
    }

    @Test
    void up_schedules_kpiReportWrittenAndServed_driftRateParsed_closedWithTheRuntime() throws Exception {
        LocalEnvironment env = env();
        env.store().put(ModelVersions.configKey("credit-risk"), Files.readAllBytes(MODELS.resolve("credit-risk/model.json")));
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        try (LocalRuntime runtime = start()) {
            String analyst = runtime.tokens().tokens().tokenFor(Role.ANALYST).orElseThrow();
            assertEquals(404, get(runtime.url(), "/v1/models/credit-risk/kpis", analyst).statusCode(), "no report before the schedule ran");
            runtime.startSchedules(java.time.Duration.ofMillis(200), log::add);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (env.store().list("reports/kpi/credit-risk/").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(env.store().list("reports/kpi/credit-risk/").isEmpty(), "no KPI report; schedule log: " + log);
            HttpResponse<String> kpis = get(runtime.url(), "/v1/models/credit-risk/kpis", analyst);
            assertEquals(200, kpis.statusCode(), kpis.body());
            assertTrue(log.stream().anyMatch(l -> l.startsWith("kpi-report credit-risk: reports/kpi/credit-risk/")), log.toString());
        }
        int after = log.size();
        Thread.sleep(500);
        assertEquals(after, log.size(), "the schedules stop with the runtime: " + log);
        assertEquals(java.util.Optional.of(java.time.Duration.ofDays(1)), dev.mlops.local.runtime.LocalSchedules.rate("rate(1 day)"));
        assertEquals(java.util.Optional.of(java.time.Duration.ofMinutes(15)), dev.mlops.local.runtime.LocalSchedules.rate("rate(15 minutes)"));
        assertTrue(dev.mlops.local.runtime.LocalSchedules.rate("cron(0 6 * * ? *)").isEmpty());
        assertEquals(java.time.Duration.ofMinutes(10), dev.mlops.local.runtime.LocalSchedules.kpiInterval(Map.of()));
        assertEquals(java.time.Duration.ofMinutes(3), dev.mlops.local.runtime.LocalSchedules.kpiInterval(Map.of("MLOPS_KPI_INTERVAL", "3")));
    }

    private HttpResponse<String> get(URI base, String path, String token) throws IOException, InterruptedException {
        return send(base, "GET", path, token, null);
    }

    private HttpResponse<String> send(URI base, String method, String path, String token, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void up_selfApprovalRefused_anotherApproverRejects_rejectedOutcome() throws Exception {
        LocalEnvironment env = env();
        env.store().put(ModelVersions.configKey("credit-risk"), Files.readAllBytes(MODELS.resolve("credit-risk/model.json")));
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        new CreditRiskGenerator(9, DriftKnobs.none()).writeCsv(5000, csv);
        env.store().put("datasets/credit-risk/reject-test.csv", csv.toByteArray());
        // A data scientist who is also an approver: separation of duties must still stop them approving their own run.
        String both = "mlops_" + "b".repeat(48);
        String approver = "mlops_" + "a".repeat(48);
        String analyst = "mlops_" + "c".repeat(48);
        Files.write(home.resolve("tokens.json"), dev.mlops.Json.write(List.of(
                new LocalTokens.Entry(both, "dana", java.util.EnumSet.of(Role.DATA_SCIENTIST, Role.APPROVER)),
                new LocalTokens.Entry(approver, "alex", java.util.EnumSet.of(Role.APPROVER)),
                new LocalTokens.Entry(analyst, "ann", java.util.EnumSet.of(Role.ANALYST)))));

        try (LocalRuntime runtime = start()) {
            HttpResponse<String> started = send(runtime.url(), "POST", "/v1/models/credit-risk/trainings", both,
                    Map.of("dataset", "datasets/credit-risk/reject-test.csv", "seed", 42, "policyProfile", "demo"));
            assertEquals(202, started.statusCode(), started.body());
            String arn = JSON.readTree(started.body()).path("executionArn").asText();
            for (int i = 0; i < 600 && JSON.readTree(get(runtime.url(), "/v1/approvals", approver).body()).path("approvals").isEmpty(); i++) {
                Thread.sleep(100);
            }

            HttpResponse<String> own = send(runtime.url(), "POST", "/v1/approvals/credit-risk.v1/approve", both, Map.of("comment", "mine"));
            assertEquals(403, own.statusCode(), own.body());
            assertTrue(JSON.readTree(own.body()).path("type").asText().endsWith("/self-approval"), own.body());
            HttpResponse<String> rejected = send(runtime.url(), "POST", "/v1/approvals/credit-risk.v1/reject", approver,
                    Map.of("comment", "calibration is off for young applicants"));
            assertEquals(200, rejected.statusCode(), rejected.body());

            JsonNode execution = awaitEnd(runtime.url(), arn, analyst);
            assertEquals("SUCCEEDED", execution.path("summary").path("status").asText(), execution.toString());
            assertEquals("REJECTED", JSON.readTree(execution.path("output").asText()).path("outcome").asText());
            assertEquals(dev.mlops.registry.ModelStatus.REJECTED, env.registry().requireVersion("credit-risk", "v1").status());
        }
    }
}
