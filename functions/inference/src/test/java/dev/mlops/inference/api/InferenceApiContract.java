package dev.mlops.inference.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.Json;
import dev.mlops.inference.ServingFixture;
import dev.mlops.registry.DeploymentMode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One request suite for both entries of the inference function: the embedded Netty server over real HTTP and
 * the Lambda handler fed API Gateway payload 2.0 events. Real models trained by the trainer, no mocked predictor.
 */
abstract class InferenceApiContract {

    /** A reply, whichever entry produced it; header names lower case. */
    record Reply(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            return Json.tree(body.getBytes(StandardCharsets.UTF_8), "reply");
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** The fixture of the running entry. */
    abstract ServingFixture fixture();

    /** Sends one request; {@code token} null means no credentials. */
    abstract Reply send(String method, String pathAndQuery, String token, Map<String, String> headers, byte[] body);

    Reply post(String path, String body) {
        return send("POST", path, fixture().clientToken, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    Reply get(String path) {
        return send("GET", path, fixture().clientToken, Map.of(), null);
    }

    static String record(String overrides) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("age", 41);
        record.put("income", 52000);
        record.put("employment_years", 3);
        record.put("debt_ratio", 0.35);
        record.put("credit_lines", 4);
        record.put("late_payments_12m", 0);
        record.put("loan_amount", 12000);
        record.put("loan_term_months", 36);
        record.put("home_owner", 1);
        record.put("purpose", "car");
        String json = Json.compact(record);
        return overrides.isEmpty() ? json : json.substring(0, json.length() - 1) + "," + overrides + "}";
    }

    static String instances(String... records) {
        return "{\"instances\":[" + String.join(",", records) + "]}";
    }

    private static void assertProblem(Reply reply, int status, String type) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.header("Content-Type").startsWith("application/problem+json"), reply.headers().toString());
        JsonNode problem = reply.json();
        assertEquals("https://mlops.dev/problems/" + type, problem.get("type").asText());
        assertEquals(status, problem.get("status").asInt());
        assertTrue(problem.hasNonNull("title") && problem.hasNonNull("detail"), reply.body());
    }

    private static Set<String> errorFields(Reply reply) {
        Set<String> fields = new HashSet<>();
        reply.json().get("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    @Test
    void predict_validRecord_answersWithChampionVersionIdAndHeaders() {
        Reply reply = post("/v1/models/credit-risk/predict", instances(record(""), record("")));
        assertEquals(200, reply.status(), reply.body());
        JsonNode body = reply.json();
        assertEquals("credit-risk", body.get("model").asText());
        assertEquals("v1", body.get("version").asText());
        assertEquals("champion", body.get("variant").asText());
        assertEquals("v1", reply.header("X-Model-Version"));
        assertEquals("champion", reply.header("X-Model-Variant"));
        JsonNode predictions = body.get("predictions");
        assertEquals(2, predictions.size());
        double p = predictions.get(0).get("probability").asDouble();
        assertTrue(p > 0 && p < 1, "probability " + p);
        assertEquals(p, predictions.get(1).get("probability").asDouble(), 0.0);
        assertEquals(p >= 0.5 ? "1" : "0", predictions.get(0).get("label").asText());
        assertFalse(predictions.get(0).get("predictionId").asText().equals(predictions.get(1).get("predictionId").asText()));
        assertFalse(predictions.get(0).has("explanation"));
    }

    @Test
    void predict_explain_contributionsAddUpToTheProbability() {
        Reply reply = post("/v1/models/credit-risk/predict?explain=true", instances(record("")));
        assertEquals(200, reply.status(), reply.body());
        JsonNode prediction = reply.json().get("predictions").get(0);
        JsonNode explanation = prediction.get("explanation");
        assertTrue(explanation.get("available").asBoolean());
        assertEquals("linear-exact", explanation.get("method").asText());
        double logit = explanation.get("baseLogit").asDouble();
        Set<String> features = new HashSet<>();
        for (var it = explanation.get("contributions").fields(); it.hasNext(); ) {
            var e = it.next();
            features.add(e.getKey());
            logit += e.getValue().asDouble();
        }
        assertEquals(10, features.size(), features.toString());
        assertEquals(prediction.get("probability").asDouble(), 1 / (1 + Math.exp(-logit)), 1e-5);
    }

    @Test
    void predict_malformedJson_is400Problem() {
        Reply reply = post("/v1/models/credit-risk/predict", "{\"instances\": [");
        assertProblem(reply, 400, "invalid-request");
        assertTrue(reply.json().get("detail").asText().contains("malformed JSON"), reply.body());
    }

    @Test
    void predict_missingExtraAndMistypedFields_are400NamingEachField() {
        String broken = record("\"colour\":\"red\"").replace("\"age\":41,", "").replace("\"income\":52000", "\"income\":\"52000\"");
        Reply reply = post("/v1/models/credit-risk/predict", instances(broken));
        assertProblem(reply, 400, "invalid-request");
        assertEquals(Set.of("age", "colour", "income"), errorFields(reply));
        assertEquals(0, reply.json().get("errors").get(0).get("instance").asInt());
    }

    @Test
    void predict_nanAndInfinity_are400() {
        Reply reply = post("/v1/models/credit-risk/predict", instances(record("").replace("\"debt_ratio\":0.35", "\"debt_ratio\":NaN")
                .replace("\"credit_lines\":4", "\"credit_lines\":Infinity")));
        assertProblem(reply, 400, "invalid-request");
        assertEquals(Set.of("debt_ratio", "credit_lines"), errorFields(reply));
        assertTrue(reply.body().contains("must be finite"), reply.body());
    }

    @Test
    void predict_rangeAndLevelPolicies_followModelJson() {
        Reply rejected = post("/v1/models/credit-risk/predict", instances(record("").replace("\"age\":41", "\"age\":150")));
        assertProblem(rejected, 400, "invalid-request");
        assertTrue(rejected.body().contains("out of range [18.0, 100.0], got 150.0"), rejected.body());

        Reply clipped = post("/v1/models/credit-risk/predict", instances(record("").replace("\"income\":52000", "\"income\":900000000")));
        Reply atMax = post("/v1/models/credit-risk/predict", instances(record("").replace("\"income\":52000", "\"income\":5000000")));
        assertEquals(200, clipped.status(), clipped.body());
        assertEquals(atMax.json().at("/predictions/0/probability").asDouble(), clipped.json().at("/predictions/0/probability").asDouble(), 0.0);

        Reply unknownLevel = post("/v1/models/credit-risk/predict", instances(record("").replace("\"purpose\":\"car\"", "\"purpose\":\"yacht\"")));
        Reply other = post("/v1/models/credit-risk/predict", instances(record("").replace("\"purpose\":\"car\"", "\"purpose\":\"other\"")));
        assertEquals(200, unknownLevel.status(), unknownLevel.body());
        assertEquals(other.json().at("/predictions/0/probability").asDouble(), unknownLevel.json().at("/predictions/0/probability").asDouble(), 0.0);
    }

    @Test
    void predict_notAnObjectOrEmptyBatch_is400() {
        assertProblem(post("/v1/models/credit-risk/predict", "[1,2]"), 400, "invalid-request");
        assertProblem(post("/v1/models/credit-risk/predict", "{\"instances\":[]}"), 400, "invalid-request");
        assertProblem(post("/v1/models/credit-risk/predict", "{\"instances\":[42]}"), 400, "invalid-request");
        assertProblem(post("/v1/models/credit-risk/predict", "{\"rows\":[]}"), 400, "invalid-request");
    }

    @Test
    void predict_requestOverSixMegabytes_is413BeforeAnyWork() {
        String padding = "x".repeat(7 * 1024 * 1024);
        Reply reply = post("/v1/models/credit-risk/predict", "{\"instances\":[{\"purpose\":\"" + padding + "\"}]}");
        assertProblem(reply, 413, "payload-too-large");
    }

    @Test
    void predict_responseWithExplanationsOverTheLimit_is413() {
        String row = record("");
        String batch = instances(java.util.Collections.nCopies(10_000, row).toArray(String[]::new));
        assertTrue(batch.length() < 6 * 1024 * 1024);
        Reply reply = post("/v1/models/credit-risk/predict?explain=true", batch);
        assertProblem(reply, 413, "payload-too-large");
        assertTrue(reply.json().get("detail").asText().contains("with explanations"), reply.body());
    }

    @Test
    void predict_unknownModel_is404_andUndeployedModel_is503() {
        assertProblem(post("/v1/models/fraud/predict", instances(record(""))), 404, "unknown-model");
        assertProblem(post("/v1/models/NOT..valid/predict", instances(record(""))), 404, "unknown-model");
        assertProblem(post("/v1/models/" + ServingFixture.UNDEPLOYED + "/predict", instances(record(""))), 503, "no-live-version");
    }

    @Test
    void unauthenticated_is401_butHealthIsOpen() {
        Reply reply = send("POST", "/v1/models/credit-risk/predict", null, Map.of("Content-Type", "application/json"),
                instances(record("")).getBytes(StandardCharsets.UTF_8));
        assertProblem(reply, 401, "unauthenticated");
        Reply forged = send("POST", "/v1/models/credit-risk/predict", "mlops_" + "0".repeat(48), Map.of("Content-Type", "application/json"),
                instances(record("")).getBytes(StandardCharsets.UTF_8));
        assertEquals(401, forged.status());
        Reply v2 = send("GET", "/v2/models/credit-risk", null, Map.of(), null);
        assertEquals(401, v2.status());
        assertTrue(v2.json().has("error"), v2.body());
        assertEquals(200, send("GET", "/v2/health/live", null, Map.of(), null).status());
    }

    @Test
    void feedback_validOutcomes_are202_andBadOnes400() {
        Reply prediction = post("/v1/models/credit-risk/predict", instances(record("")));
        String id = prediction.json().at("/predictions/0/predictionId").asText();
        Reply accepted = post("/v1/feedback", "{\"model\":\"credit-risk\",\"outcomes\":[{\"predictionId\":\"" + id + "\",\"outcome\":1}]}");
        assertEquals(202, accepted.status(), accepted.body());
        assertEquals(1, accepted.json().get("accepted").asInt());

        Reply bad = post("/v1/feedback", "{\"model\":\"credit-risk\",\"outcomes\":[{\"predictionId\":\"\",\"outcome\":7}]}");
        assertProblem(bad, 400, "invalid-request");
        assertEquals(Set.of("predictionId", "outcome"), errorFields(bad));
        assertProblem(post("/v1/feedback", "{\"model\":\"fraud\",\"outcomes\":[{\"predictionId\":\"a\",\"outcome\":1}]}"), 404, "unknown-model");
    }

    @Test
    void canary_keysStickToAVersion_andBothVariantsAnswer() {
        fixture().deploy("v2", 50, DeploymentMode.CANARY);
        try {
            Map<String, String> seen = new HashMap<>();
            Set<String> variants = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                String key = "customer-" + i;
                Reply reply = send("POST", "/v1/models/credit-risk/predict", fixture().clientToken,
                        Map.of("Content-Type", "application/json", "X-Routing-Key", key), instances(record("")).getBytes(StandardCharsets.UTF_8));
                assertEquals(200, reply.status(), reply.body());
                String version = reply.header("X-Model-Version");
                variants.add(reply.header("X-Model-Variant"));
                assertEquals(version.equals("v2") ? "challenger" : "champion", reply.header("X-Model-Variant"));
                Reply again = send("POST", "/v1/models/credit-risk/predict", fixture().clientToken,
                        Map.of("Content-Type", "application/json", "X-Routing-Key", key), instances(record("")).getBytes(StandardCharsets.UTF_8));
                assertEquals(version, again.header("X-Model-Version"), "key " + key + " must stay on its version");
                seen.put(key, version);
            }
            assertEquals(Set.of("champion", "challenger"), variants, seen.toString());
        } finally {
            fixture().deploy(null, 0, DeploymentMode.CANARY);
        }
    }

    @Test
    void shadow_championAnswers() {
        fixture().deploy("v2", 0, DeploymentMode.SHADOW);
        try {
            for (int i = 0; i < 10; i++) {
                Reply reply = send("POST", "/v1/models/credit-risk/predict", fixture().clientToken,
                        Map.of("Content-Type", "application/json", "X-Routing-Key", "k" + i), instances(record("")).getBytes(StandardCharsets.UTF_8));
                assertEquals("v1", reply.header("X-Model-Version"));
                assertEquals("champion", reply.header("X-Model-Variant"));
            }
        } finally {
            fixture().deploy(null, 0, DeploymentMode.CANARY);
        }
    }

    @Test
    void v2_metadataReadyAndHealth() {
        Reply metadata = get("/v2/models/credit-risk");
        assertEquals(200, metadata.status(), metadata.body());
        JsonNode m = metadata.json();
        assertEquals("credit-risk", m.get("name").asText());
        assertEquals("onnxruntime_onnx", m.get("platform").asText());
        assertEquals("input", m.at("/inputs/0/name").asText());
        assertEquals("FP32", m.at("/inputs/0/datatype").asText());
        assertEquals(14, m.at("/inputs/0/shape/1").asInt());
        assertEquals(200, get("/v2/models/credit-risk/ready").status());
        assertEquals(503, get("/v2/models/" + ServingFixture.UNDEPLOYED + "/ready").status());
        Reply ready = send("GET", "/v2/health/ready", null, Map.of(), null);
        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.json().get("ready").asBoolean());
    }

    @Test
    void v2_inferByFeatureInputs_matchesV1() {
        double v1 = post("/v1/models/credit-risk/predict", instances(record(""))).json().at("/predictions/0/probability").asDouble();
        String body = """
                {"id": "r-1", "inputs": [
                  {"name": "age", "shape": [1], "datatype": "FP64", "data": [41]},
                  {"name": "income", "shape": [1], "datatype": "FP64", "data": [52000]},
                  {"name": "employment_years", "shape": [1], "datatype": "FP64", "data": [3]},
                  {"name": "debt_ratio", "shape": [1], "datatype": "FP64", "data": [0.35]},
                  {"name": "credit_lines", "shape": [1], "datatype": "INT64", "data": [4]},
                  {"name": "late_payments_12m", "shape": [1], "datatype": "INT64", "data": [0]},
                  {"name": "loan_amount", "shape": [1], "datatype": "FP64", "data": [12000]},
                  {"name": "loan_term_months", "shape": [1], "datatype": "INT64", "data": [36]},
                  {"name": "home_owner", "shape": [1], "datatype": "INT64", "data": [1]},
                  {"name": "purpose", "shape": [1], "datatype": "BYTES", "data": ["car"]}
                ]}""";
        Reply reply = post("/v2/models/credit-risk/infer", body);
        assertEquals(200, reply.status(), reply.body());
        JsonNode out = reply.json();
        assertEquals("v1", out.get("model_version").asText());
        assertEquals("r-1", out.get("id").asText());
        assertEquals(List.of(1, 2), List.of(out.at("/outputs/0/shape/0").asInt(), out.at("/outputs/0/shape/1").asInt()));
        assertEquals(v1, out.at("/outputs/0/data/1").asDouble(), 1e-6);
    }

    @Test
    void v2_inferRawTensor_andErrorsInProtocolShape() {
        float[] zeros = new float[14];
        String tensor = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,14],\"datatype\":\"FP32\",\"data\":" + Json.compact(zeros) + "}]}";
        Reply reply = post("/v2/models/credit-risk/infer", tensor);
        assertEquals(200, reply.status(), reply.body());
        assertEquals(2, reply.json().at("/outputs/0/data").size());

        Reply wrongShape = post("/v2/models/credit-risk/infer", tensor.replace("[1,14]", "[1,13]"));
        assertEquals(400, wrongShape.status());
        assertTrue(wrongShape.json().get("error").asText().contains("shape [n, 14]"), wrongShape.body());
        Reply unknown = post("/v2/models/fraud/infer", tensor);
        assertEquals(404, unknown.status());
        assertTrue(unknown.json().get("error").asText().contains("unknown model 'fraud'"), unknown.body());
        assertEquals(400, post("/v2/models/credit-risk/infer", "{nope").status());
    }
}
