package dev.mlops.control.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.Json;
import dev.mlops.control.FakeExecutions;
import dev.mlops.control.DriftReports;
import dev.mlops.control.KpiReports;
import dev.mlops.control.api.ControlFixture.Who;
import dev.mlops.registry.AuditEvent;
import dev.mlops.registry.ModelStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.mlops.control.api.ControlFixture.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One request suite for both entries of the control function: the embedded Netty server over real HTTP with
 * local bearer tokens, and the Lambda handler fed API Gateway payload 2.0 events carrying JWT group claims.
 * A real filesystem store; only the workflow engine is a fake.
 */
abstract class ControlApiContract {

    /** A reply, whichever entry produced it; header names lower case. */
    record Reply(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            return Json.tree(body.getBytes(StandardCharsets.UTF_8), "reply");
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    abstract ControlFixture fixture();

    /** Sends one request as {@code who} (null: no credentials). */
    abstract Reply send(String method, String path, Who who, String body);

    Reply get(String path, Who who) {
        return send("GET", path, who, null);
    }

    Reply post(String path, Who who, String body) {
        return send("POST", path, who, body);
    }

    FakeExecutions engine() {
        return fixture().engine;
    }

    static void assertProblem(Reply reply, int status, String type) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.header("Content-Type").startsWith("application/problem+json"), reply.headers().toString());
        JsonNode problem = reply.json();
        assertEquals("https://mlops.dev/problems/" + type, problem.get("type").asText(), reply.body());
        assertEquals(status, problem.get("status").asInt());
        assertTrue(problem.hasNonNull("title") && problem.hasNonNull("detail"), reply.body());
    }

    // --- approvals ----------------------------------------------------------------------------------------------

    @Test
    void approve_movesTheVersionAuditsTheApproverAndResumesTheExecution() {
        String id = fixture().pendingApproval(Who.DS.identity);
        String version = ControlFixture.version(id);

        Reply reply = post("/v1/approvals/" + id + "/approve", Who.APPROVER, "{\"comment\": \"holdout AUC up, PSI fine\"}");

        assertEquals(200, reply.status(), reply.body());
        assertEquals("APPROVED", reply.json().at("/approval/state").asText());
        assertEquals("bob", reply.json().at("/approval/decision/actor").asText());
        assertFalse(reply.json().get("repeated").asBoolean());
        assertTrue(reply.json().get("resumed").asBoolean());
        assertFalse(reply.body().contains(ControlFixture.token(version)), "the task token never leaves the server");
        assertEquals(ModelStatus.APPROVED, fixture().registry.requireVersion(MODEL, version).status());
        AuditEvent audit = lastAudit(version);
        assertEquals("STATUS:APPROVED", audit.action());
        assertEquals("bob", audit.actor());
        assertEquals("holdout AUC up, PSI fine", audit.reason());
        List<FakeExecutions.Callback> callbacks = engine().callbacks(ControlFixture.token(version));
        assertEquals(1, callbacks.size());
        assertEquals(Map.of("decision", "APPROVED", "approver", "bob", "comment", "holdout AUC up, PSI fine"),
                Json.mapper().convertValue(Json.tree(callbacks.get(0).output().getBytes(StandardCharsets.UTF_8), "output"), Map.class));
    }

    @Test
    void reject_movesTheVersionAndFailsTheTaskWithApprovalRejected() {
        String id = fixture().pendingApproval(Who.DS.identity);
        String version = ControlFixture.version(id);

        Reply reply = post("/v1/approvals/" + id + "/reject", Who.APPROVER, "{\"comment\": \"calibration is off\"}");

        assertEquals(200, reply.status(), reply.body());
        assertEquals("REJECTED", reply.json().at("/approval/state").asText());
        assertEquals(ModelStatus.REJECTED, fixture().registry.requireVersion(MODEL, version).status());
        assertEquals("STATUS:REJECTED", lastAudit(version).action());
        FakeExecutions.Callback callback = engine().callbacks(ControlFixture.token(version)).get(0);
        assertEquals("ApprovalRejected", callback.error());
        JsonNode cause = Json.tree(callback.cause().getBytes(StandardCharsets.UTF_8), "cause");
        assertEquals("bob", cause.get("approver").asText());
        assertEquals("calibration is off", cause.get("comment").asText());
    }

    @Test
    void selfApproval_is403WithASeparationOfDutiesTitle() {
        String id = fixture().pendingApproval(Who.DS.identity);

        Reply reply = post("/v1/approvals/" + id + "/approve", Who.DS, "{\"comment\": \"looks good to me\"}");

        assertProblem(reply, 403, "self-approval");
        assertTrue(reply.json().get("title").asText().startsWith("Separation of duties"), reply.body());
        assertEquals(ModelStatus.PENDING_APPROVAL, fixture().registry.requireVersion(MODEL, ControlFixture.version(id)).status());
        assertTrue(engine().callbacks(ControlFixture.token(ControlFixture.version(id))).isEmpty());
    }

    @Test
    void repeatedDecision_returnsTheRecordedOne_andResendsTheCallback() {
        String id = fixture().pendingApproval(Who.DS.identity);
        String version = ControlFixture.version(id);
        Reply first = post("/v1/approvals/" + id + "/approve", Who.APPROVER, "{\"comment\": \"ship it\"}");

        Reply again = post("/v1/approvals/" + id + "/approve", Who.APPROVER2, "{\"comment\": \"me too\"}");

        assertEquals(200, again.status(), again.body());
        assertTrue(again.json().get("repeated").asBoolean());
        assertFalse(again.json().get("resumed").asBoolean(), "the engine already closed the task");
        assertEquals(first.json().get("approval"), again.json().get("approval"));
        assertEquals("bob", again.json().at("/approval/decision/actor").asText());
        assertEquals(2, engine().callbacks(ControlFixture.token(version)).size(), "the callback is sent again");
        assertEquals(1, fixture().registry.audit(MODEL).stream()
                .filter(e -> version.equals(e.version()) && e.action().equals("STATUS:APPROVED")).count());
    }

    @Test
    void oppositeDecision_is409() {
        String id = fixture().pendingApproval(Who.DS.identity);
        post("/v1/approvals/" + id + "/approve", Who.APPROVER, "{\"comment\": \"ship it\"}");

        Reply reply = post("/v1/approvals/" + id + "/reject", Who.APPROVER2, "{\"comment\": \"no\"}");

        assertProblem(reply, 409, "approval-already-decided");
        assertTrue(reply.json().get("detail").asText().contains("already APPROVED (by bob"), reply.body());
    }

    @Test
    void decisionAfterTheDeadline_is410_andAfterExpiry_too() {
        String late = fixture().pendingApproval(Who.DS.identity, ControlFixture.past(Duration.ofHours(2)), Duration.ofHours(1));
        Reply reply = post("/v1/approvals/" + late + "/approve", Who.APPROVER, "{\"comment\": \"sorry, late\"}");
        assertProblem(reply, 410, "approval-expired");
        assertTrue(reply.json().get("detail").asText().contains("no longer waits"), reply.body());

        String expired = fixture().pendingApproval(Who.DS.identity);
        fixture().approvals.expire(expired, "States.Timeout");
        assertProblem(post("/v1/approvals/" + expired + "/reject", Who.APPROVER, "{\"comment\": \"late\"}"), 410, "approval-expired");
        assertTrue(engine().callbacks(ControlFixture.token(ControlFixture.version(expired))).isEmpty());
    }

    @Test
    void unknownApproval_is404() {
        assertProblem(post("/v1/approvals/credit-risk.v999/approve", Who.APPROVER, "{\"comment\": \"x\"}"), 404, "approval-not-found");
        assertProblem(post("/v1/approvals/nonsense/approve", Who.APPROVER, "{\"comment\": \"x\"}"), 404, "approval-not-found");
        assertProblem(get("/v1/approvals/credit-risk.v999", Who.APPROVER), 404, "not-found");
    }

    @Test
    void decisionWithoutComment_orMalformed_is400() {
        String id = fixture().pendingApproval(Who.DS.identity);
        assertProblem(post("/v1/approvals/" + id + "/approve", Who.APPROVER, "{\"comment\": \"  \"}"), 400, "invalid-request");
        assertProblem(post("/v1/approvals/" + id + "/approve", Who.APPROVER, "{\"comment\": "), 400, "invalid-request");
        assertProblem(post("/v1/approvals/" + id + "/approve", Who.APPROVER, null), 400, "invalid-request");
        assertProblem(post("/v1/approvals/" + id + "/approve", Who.APPROVER, "{\"coment\": \"typo\"}"), 400, "invalid-request");
        assertProblem(post("/v1/approvals/" + id + "/approve", Who.APPROVER, "{\"comment\": \"" + "x".repeat(70_000) + "\"}"),
                413, "payload-too-large");
    }

    @Test
    void pendingList_isRedacted_andShowInlinesTheEvidence() {
        String id = fixture().pendingApproval(Who.DS.identity);

        Reply list = get("/v1/approvals", Who.APPROVER);
        assertEquals(200, list.status(), list.body());
        assertFalse(list.body().contains("task-token-"), list.body());
        List<String> ids = new ArrayList<>();
        list.json().get("approvals").forEach(a -> ids.add(a.get("id").asText()));
        assertTrue(ids.contains(id), ids.toString());

        Reply show = get("/v1/approvals/" + id, Who.APPROVER);
        assertEquals(200, show.status(), show.body());
        assertFalse(show.body().contains("task-token-"), show.body());
        assertEquals("PASS", show.json().at("/evidence/verdict").asText());
        assertEquals("ds-alice", show.json().at("/approval/initiator").asText());
    }

    // --- trainings ----------------------------------------------------------------------------------------------

    @Test
    void startTraining_is202_andRecordsTheCallerAsInitiator() {
        Reply reply = post("/v1/models/credit-risk/trainings", Who.DS,
                "{\"dataset\": \"" + ControlFixture.DATASET + "\", \"seed\": 42, \"policyProfile\": \"demo\"}");

        assertEquals(202, reply.status(), reply.body());
        String arn = reply.json().get("executionArn").asText();
        assertTrue(reply.json().get("name").asText().startsWith("train-credit-risk-"), reply.body());
        assertTrue(reply.header("Location").startsWith("/v1/executions/arn%3Aaws%3Astates"), reply.headers().toString());
        JsonNode input = Json.tree(engine().input(arn).getBytes(StandardCharsets.UTF_8), "input");
        assertEquals("credit-risk", input.get("model").asText());
        assertEquals(ControlFixture.DATASET, input.get("dataset").asText());
        assertEquals("ds-alice", input.get("initiator").asText());
        assertEquals(42, input.get("seed").asLong());
        assertEquals("demo", input.get("policyProfile").asText());

        Reply drawn = post("/v1/models/credit-risk/trainings", Who.DS, "{\"dataset\": \"" + ControlFixture.DATASET + "\"}");
        assertEquals(202, drawn.status(), drawn.body());
        assertTrue(drawn.json().get("seed").asLong() > 0, "a seed is drawn and recorded");
        assertFalse(drawn.json().has("policyProfile"));
    }

    @Test
    void startTraining_badInput_is400_andUnknownModel404() {
        assertProblem(post("/v1/models/credit-risk/trainings", Who.DS, "{\"dataset\": \"datasets/none.csv\"}"), 400, "invalid-request");
        assertProblem(post("/v1/models/credit-risk/trainings", Who.DS, "{\"seed\": 1}"), 400, "invalid-request");
        assertProblem(post("/v1/models/credit-risk/trainings", Who.DS, "{\"dataset\": \"../etc/passwd\"}"), 400, "invalid-request");
        assertProblem(post("/v1/models/credit-risk/trainings", Who.DS, "{\"dataset\": \"d.csv\", \"seed\": \"x\"}"), 400, "invalid-request");
        assertProblem(post("/v1/models/credit-risk/trainings", Who.DS, "[1, 2"), 400, "invalid-request");
        assertProblem(post("/v1/models/Bad_Name/trainings", Who.DS, "{\"dataset\": \"d.csv\"}"), 400, "invalid-request");
        assertProblem(post("/v1/models/fraud/trainings", Who.DS, "{\"dataset\": \"" + ControlFixture.DATASET + "\"}"), 404, "not-found");
    }

    // --- deployment, models, audit, executions, KPIs --------------------------------------------------------------

    @Test
    void deploymentOverride_withTheReadRevision_succeeds_andAStaleOneIs409() {
        Reply read = get("/v1/models/credit-risk/deployment", Who.ANALYST);
        assertEquals(200, read.status(), read.body());
        long revision = read.json().at("/deployment/revision").asLong();
        assertEquals("v1", read.json().at("/deployment/champion").asText());

        String body = "{\"expectedRevision\": " + revision + ", \"champion\": \"v1\", \"reason\": \"pin v1 during incident 42\"}";
        Reply changed = send("PUT", "/v1/models/credit-risk/deployment", Who.OPERATOR, body);
        assertEquals(200, changed.status(), changed.body());
        assertEquals(revision + 1, changed.json().at("/deployment/revision").asLong());
        assertTrue(fixture().registry.audit(MODEL).stream().anyMatch(e -> e.action().equals("DEPLOYMENT")
                && e.actor().equals("olga") && e.reason().equals("pin v1 during incident 42")));

        Reply stale = send("PUT", "/v1/models/credit-risk/deployment", Who.OPERATOR, body);
        assertProblem(stale, 409, "conflict");
        assertTrue(stale.json().get("detail").asText().contains("not " + revision), stale.body());

        assertProblem(send("PUT", "/v1/models/credit-risk/deployment", Who.OPERATOR,
                "{\"expectedRevision\": 0, \"champion\": \"v77\", \"reason\": \"x\"}"), 400, "invalid-request");
        assertProblem(send("PUT", "/v1/models/credit-risk/deployment", Who.OPERATOR,
                "{\"expectedRevision\": 0, \"champion\": \"v1\", \"challengerWeight\": 150, \"reason\": \"x\"}"), 400, "invalid-request");
        assertProblem(send("PUT", "/v1/models/credit-risk/deployment", Who.OPERATOR, "{\"champion\": \"v1\"}"), 400, "invalid-request");
    }

    @Test
    void modelVersionAndAuditReads() {
        Reply models = get("/v1/models", Who.ANALYST);
        assertEquals(200, models.status(), models.body());
        assertEquals("credit-risk", models.json().at("/models/0/name").asText());
        assertEquals("v1", models.json().at("/models/0/deployment/champion").asText());

        Reply versions = get("/v1/models/credit-risk/versions", Who.ANALYST);
        assertEquals("v1", versions.json().at("/versions/0/version").asText());
        Reply v1 = get("/v1/models/credit-risk/versions/v1", Who.ANALYST);
        assertEquals(200, v1.status(), v1.body());
        assertEquals("CHAMPION", v1.json().at("/version/status").asText());
        assertEquals("credit-risk", v1.json().at("/package/model").asText());
        assertProblem(get("/v1/models/credit-risk/versions/v999", Who.ANALYST), 404, "not-found");
        assertProblem(get("/v1/models/credit-risk/versions/latest", Who.ANALYST), 400, "invalid-request");
        assertProblem(get("/v1/models/fraud/versions", Who.ANALYST), 404, "not-found");

        Reply audit = get("/v1/models/credit-risk/audit?limit=2", Who.ANALYST);
        assertEquals(200, audit.status(), audit.body());
        assertEquals(2, audit.json().get("events").size());
        assertProblem(get("/v1/models/credit-risk/audit?limit=0", Who.ANALYST), 400, "invalid-request");
    }

    @Test
    void executionReads() {
        Reply started = post("/v1/models/credit-risk/trainings", Who.DS, "{\"dataset\": \"" + ControlFixture.DATASET + "\"}");
        String arn = started.json().get("executionArn").asText();

        Reply list = get("/v1/executions?limit=5", Who.ANALYST);
        assertEquals(200, list.status(), list.body());
        assertEquals(arn, list.json().at("/executions/0/executionArn").asText());
        Reply one = get(started.header("Location"), Who.OPERATOR);
        assertEquals(200, one.status(), one.body());
        assertEquals("RUNNING", one.json().at("/execution/summary/status").asText());
        assertEquals("ExecutionStarted", one.json().at("/history/0/type").asText());
        assertProblem(get("/v1/executions/arn:aws:states:local:000000000000:execution:training-pipeline:none", Who.ANALYST), 404, "not-found");
        assertProblem(get("/v1/executions?stateMachine=nope", Who.ANALYST), 503, "engine-unavailable");
    }

    @Test
    void kpis_absentAre404_thenTheNewestReport() {
        assertProblem(get("/v1/models/credit-risk/kpis", Who.ANALYST), 404, "not-found");
        fixture().store.put(KpiReports.prefix(MODEL) + "2026-11-26.json", Json.write(Map.of("auc", 0.7)));
        fixture().store.put(KpiReports.prefix(MODEL) + "2026-11-27.json", Json.write(Map.of("auc", 0.8)));
        Reply reply = get("/v1/models/credit-risk/kpis", Who.ANALYST);
        assertEquals(200, reply.status(), reply.body());
        assertEquals(0.8, reply.json().at("/report/auc").asDouble());
        assertEquals("reports/kpi/credit-risk/2026-11-27.json", reply.json().get("key").asText());
    }

    @Test
    void drift_noReportsIsAnEmptyList_thenNewestFirst_limited() {
        Reply none = get("/v1/models/credit-risk/drift", Who.ANALYST);
        assertEquals(200, none.status(), none.body());
        assertEquals(0, none.json().get("reports").size());
        assertEquals("reports/drift/credit-risk/", none.json().get("prefix").asText());
        for (String day : List.of("2026-11-25", "2026-11-26", "2026-11-27")) {
            fixture().store.put(DriftReports.prefix(MODEL) + day + "/060000.json", Json.write(Map.of("verdict", day.endsWith("27") ? "DRIFT" : "OK")));
        }
        Reply reply = get("/v1/models/credit-risk/drift?limit=2", Who.ANALYST);
        assertEquals(200, reply.status(), reply.body());
        assertEquals(2, reply.json().get("reports").size());
        assertEquals("reports/drift/credit-risk/2026-11-27/060000.json", reply.json().at("/reports/0/key").asText());
        assertEquals("DRIFT", reply.json().at("/reports/0/report/verdict").asText());
        assertEquals("reports/drift/credit-risk/2026-11-26/060000.json", reply.json().at("/reports/1/key").asText());
        assertProblem(get("/v1/models/credit-risk/drift?limit=0", Who.ANALYST), 400, "invalid-request");
        assertProblem(get("/v1/models/nope/drift", Who.ANALYST), 404, "not-found");
    }

    @Test
    void console_isServedWithoutCredentials_asStaticFiles() {
        Reply index = get("/console/index.html", null);
        assertEquals(200, index.status(), index.body());
        assertTrue(index.header("Content-Type").startsWith("text/html"), index.headers().toString());
        assertTrue(index.body().contains("<title>MLOps console</title>"), index.body());
        Reply root = get("/console/", null);
        assertEquals(200, root.status(), root.body());
        assertTrue(root.body().contains("<title>MLOps console</title>"), "/console/ is the index page");
        Reply script = get("/console/app.js", null);
        assertEquals(200, script.status());
        assertTrue(script.header("Content-Type").contains("javascript"), "ES modules need a JavaScript type: " + script.headers());
        assertEquals(404, get("/console/nothing.js", null).status());
    }

    @Test
    void me_namesTheCallerAndItsRoles() {
        Reply reply = get("/v1/me", Who.DS);
        assertEquals(200, reply.status(), reply.body());
        assertEquals("ds-alice", reply.json().get("name").asText());
        assertEquals("[\"approver\",\"data-scientist\"]", reply.json().get("roles").toString());
    }

    // --- authentication and roles ----------------------------------------------------------------------------------

    @Test
    void health_isOpen_andUnknownRoutesAreProblems() {
        Reply health = get("/v1/health", null);
        assertEquals(200, health.status(), health.body());
        assertEquals("UP", health.json().get("status").asText());
        assertProblem(get("/v1/nothing-here", Who.ANALYST), 404, "not-found");
        assertProblem(send("DELETE", "/v1/models", Who.ANALYST, null), 405, "method-not-allowed");
    }

    /** Every route: who may call it. Everyone else with a token gets 403, nobody without one gets past 401. */
    @Test
    void everyRoute_401WithoutCredentials_403ForOtherRoles() {
        String pending = fixture().pendingApproval(Who.DS.identity);
        Set<Who> readers = EnumSet.of(Who.DS, Who.APPROVER, Who.APPROVER2, Who.OPERATOR, Who.ANALYST);
        Set<Who> approvers = EnumSet.of(Who.DS, Who.APPROVER, Who.APPROVER2);
        record Route(String method, String path, String body, Set<Who> allowed) {
        }
        List<Route> routes = List.of(
                new Route("POST", "/v1/models/credit-risk/trainings", "{\"dataset\": \"nope.csv\"}", EnumSet.of(Who.DS)),
                new Route("GET", "/v1/approvals", null, approvers),
                new Route("GET", "/v1/approvals/" + pending, null, approvers),
                new Route("POST", "/v1/approvals/" + pending + "/approve", "{\"comment\": \"\"}", approvers),
                new Route("POST", "/v1/approvals/" + pending + "/reject", "{\"comment\": \"\"}", approvers),
                new Route("GET", "/v1/models/credit-risk/deployment", null, readers),
                new Route("PUT", "/v1/models/credit-risk/deployment", "{}", EnumSet.of(Who.OPERATOR)),
                new Route("GET", "/v1/models", null, readers),
                new Route("GET", "/v1/models/credit-risk/versions", null, readers),
                new Route("GET", "/v1/models/credit-risk/versions/v1", null, readers),
                new Route("GET", "/v1/models/credit-risk/audit", null, readers),
                new Route("GET", "/v1/models/credit-risk/kpis", null, readers),
                new Route("GET", "/v1/models/credit-risk/drift", null, readers),
                new Route("GET", "/v1/me", null, EnumSet.allOf(Who.class)),
                new Route("GET", "/v1/executions", null, readers),
                new Route("GET", "/v1/executions/arn:aws:states:local:0:execution:training-pipeline:x", null, readers));
        List<String> wrong = new ArrayList<>();
        for (Route route : routes) {
            Reply anonymous = send(route.method(), route.path(), null, route.body());
            if (anonymous.status() != 401 || !anonymous.header("Content-Type").startsWith("application/problem+json")) {
                wrong.add(route.method() + " " + route.path() + " anonymous -> " + anonymous.status());
            }
            for (Who who : Who.values()) {
                Reply reply = send(route.method(), route.path(), who, route.body());
                boolean forbidden = reply.status() == 403;
                if (forbidden == route.allowed().contains(who)) {
                    wrong.add(route.method() + " " + route.path() + " as " + who + " -> " + reply.status() + " " + reply.body());
                } else if (forbidden) {
                    assertProblem(reply, 403, "forbidden");
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertNotEquals(ModelStatus.APPROVED, fixture().registry.requireVersion(MODEL, ControlFixture.version(pending)).status());
    }

    private AuditEvent lastAudit(String version) {
        List<AuditEvent> events = fixture().registry.audit(MODEL).stream().filter(e -> version.equals(e.version())).toList();
        return events.get(events.size() - 1);
    }
}
