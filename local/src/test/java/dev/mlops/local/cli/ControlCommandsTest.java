package dev.mlops.local.cli;

import com.sun.net.httpserver.HttpServer;
import dev.mlops.Json;
import dev.mlops.roles.LocalTokens;
import dev.mlops.roles.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * approve, reject and status against a stand-in control API (the real one is tested in functions/control): the
 * requests they send, the tokens they pick, and what they print for answers and failures.
 */
class ControlCommandsTest {

    @TempDir
    Path home;

    record Call(String method, String path, String authorization, String body) {
    }

    record Run(int code, String out, String err) {
    }

    HttpServer server;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** "METHOD path" to {status, content type, body}. */
    final Map<String, Object[]> answers = new ConcurrentHashMap<>();
    LocalTokens tokens;

    @BeforeEach
    void start() throws IOException {
        tokens = LocalTokens.readOrCreate(home.resolve("tokens.json"), new SecureRandom()).tokens();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().toString();
            calls.add(new Call(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Object[] answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
                    new Object[] {404, "application/problem+json", "{\"title\":\"Not found\",\"status\":404,\"detail\":\"no route " + path + "\"}"});
            byte[] out = ((String) answer[2]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", (String) answer[1]);
            exchange.sendResponseHeaders((Integer) answer[0], out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(String route, int status, String body) {
        answers.put(route, new Object[] {status, status < 300 ? "application/json" : "application/problem+json", body});
    }

    private Run mlops(String... args) {
        return mlops(Map.of("MLOPS_HOME", home.toString(), "MLOPS_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort()), args);
    }

    private static Run mlops(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MlopsCli.run(env, Clock.systemUTC(), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String decision(String state, boolean repeated, boolean resumed) {
        return "{\"approval\":{\"id\":\"credit-risk.v2\",\"state\":\"" + state + "\",\"decision\":{\"actor\":\"local-approver\","
                + "\"at\":\"2026-11-27T09:00:00Z\",\"comment\":\"ok\"}},\"repeated\":" + repeated + ",\"resumed\":" + resumed + "}";
    }

    @Test
    void approve_postsTheCommentWithTheLocalApproverToken() {
        answer("POST /v1/approvals/credit-risk.v2/approve", 200, decision("APPROVED", false, true));

        Run run = mlops("approve", "credit-risk.v2", "--comment", "AUC up, PSI fine");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("credit-risk.v2 approved by local-approver at 2026-11-27T09:00:00Z"), run.out());
        assertTrue(run.out().contains("the waiting workflow was resumed"), run.out());
        Call call = calls.get(0);
        assertEquals("Bearer " + tokens.tokenFor(Role.APPROVER).orElseThrow(), call.authorization());
        assertEquals(Map.of("comment", "AUC up, PSI fine"), Json.mapper().convertValue(
                Json.tree(call.body().getBytes(StandardCharsets.UTF_8), "body"), Map.class));
    }

    @Test
    void reject_repeated_saysNothingChanged_andTokenFlagWins() {
        answer("POST /v1/approvals/credit-risk.v2/reject", 200, decision("REJECTED", true, false));

        Run run = mlops("reject", "credit-risk.v2", "--comment", "no", "--token", "tok-from-flag");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("credit-risk.v2 was already rejected by local-approver"), run.out());
        assertEquals("Bearer tok-from-flag", calls.get(0).authorization());
    }

    @Test
    void refusals_printTheProblemAndExit1_badRequestsExit2() {
        answer("POST /v1/approvals/credit-risk.v2/approve", 403, "{\"title\":\"Separation of duties: the initiator of a training"
                + " may not decide on its approval\",\"status\":403,\"detail\":\"ds-alice started the training\"}");
        answer("POST /v1/approvals/credit-risk.v3/approve", 400, "{\"title\":\"Invalid request\",\"status\":400,\"detail\":\"a decision needs a comment\"}");

        Run self = mlops("approve", "credit-risk.v2", "--comment", "mine");
        assertEquals(1, self.code());
        assertTrue(self.err().contains("error: HTTP 403 Separation of duties") && self.err().contains("ds-alice started"), self.err());

        Run bad = mlops("approve", "credit-risk.v3", "--comment", " ");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("a decision needs a comment"), bad.err());

        Run missing = mlops("approve", "credit-risk.v2");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--comment"), missing.err());
    }

    @Test
    void nothingListening_saysSoAndHowToFixIt() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run run = mlops(Map.of("MLOPS_HOME", home.toString()), "status", "--endpoint", "http://127.0.0.1:" + port);
        assertEquals(1, run.code());
        assertTrue(run.err().contains("nothing listens at http://127.0.0.1:" + port + ": start the local runtime (./mlops up)"), run.err());
    }

    @Test
    void notTheControlApi_saysSo() {
        answers.put("GET /v1/approvals", new Object[] {404, "application/json", "{\"message\":\"Not Found\"}"});
        Run run = mlops("status");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("is the control API running there?"), run.err());
    }

    @Test
    void noToken_anywhere_isBadInputNamingTheFile() {
        Run run = mlops(Map.of("MLOPS_HOME", home.resolve("empty").toString(), "MLOPS_ENDPOINT", "http://127.0.0.1:1"), "status");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("no token: pass --token T"), run.err());
    }

    @Test
    void status_listsApprovalsDeploymentsAndExecutions() {
        answer("GET /v1/approvals", 200, "{\"approvals\":[{\"id\":\"credit-risk.v2\",\"model\":\"credit-risk\",\"initiator\":\"ds-alice\","
                + "\"expiresAt\":\"2026-11-28T09:00:00Z\",\"evidenceKey\":\"evidence/credit-risk/v2.json\"}]}");
        answer("GET /v1/models", 200, "{\"models\":[{\"name\":\"credit-risk\",\"deployment\":{\"champion\":\"v1\",\"challenger\":\"v3\","
                + "\"challengerWeight\":10,\"mode\":\"CANARY\",\"revision\":4}}]}");
        answer("GET /v1/executions?limit=5", 200, "{\"executions\":[{\"name\":\"train-credit-risk-20261127T090000-ab12\","
                + "\"status\":\"RUNNING\",\"startedAt\":\"2026-11-27T09:00:00Z\"}]}");

        Run run = mlops("status");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("credit-risk.v2") && run.out().contains("ds-alice"), run.out());
        assertTrue(run.out().contains("champion v1, challenger v3 CANARY 10% (revision 4)"), run.out());
        assertTrue(run.out().contains("train-credit-risk-20261127T090000-ab12") && run.out().contains("RUNNING"), run.out());
    }

    @Test
    void status_withoutTheApproverRole_stillShowsTheRest() {
        answer("GET /v1/approvals", 403, "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"ann may not read approvals\"}");
        answer("GET /v1/models/credit-risk/deployment", 200, "{\"model\":\"credit-risk\",\"deployment\":{\"champion\":\"v1\",\"revision\":1}}");
        answer("GET /v1/executions?limit=20", 200, "{\"executions\":[]}");

        Run run = mlops("status", "--model", "credit-risk", "--token", tokens.tokenFor(Role.ANALYST).orElseThrow());

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("not visible to this token's role"), run.out());
        assertTrue(run.out().contains("credit-risk      champion v1 (revision 1)"), run.out());
    }
}
