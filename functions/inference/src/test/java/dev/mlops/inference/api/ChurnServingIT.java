package dev.mlops.inference.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.Json;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.registry.ModelStatus;
import dev.mlops.roles.LocalTokens;
import dev.mlops.roles.Role;
import dev.mlops.store.fs.FileSystemArtifactStore;
import dev.mlops.trainer.TrainingJob;
import dev.mlops.trainer.TrainingRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second model config ({@code models/churn/model.json}: two numeric and two categorical features) served by
 * the unchanged inference function over real HTTP: trained by the real trainer on generated subscribers,
 * registered and promoted, then asked with churn's own features.
 */
class ChurnServingIT {

    private static final Path CONFIG = Path.of("../../models/churn/model.json");
    private static final String[] CONTRACTS = {"monthly", "yearly", "two-year"};
    private static final String[] PAYMENTS = {"card", "bank", "invoice"};

    @TempDir
    static Path home;

    static EmbeddedServer server;
    static String token;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        FileSystemArtifactStore store = new FileSystemArtifactStore(home.resolve("store"));
        AtomicInteger ids = new AtomicInteger();
        ModelRegistry registry = new ModelRegistry(store, Clock.systemUTC(), () -> "t" + ids.incrementAndGet());
        Path data = Files.write(home.resolve("churn.csv"), csv(7, 3000));
        var result = TrainingJob.writingTo(store).run(new TrainingRequest(data.toString(), CONFIG.toString(), 7, "alice", "test"));
        assertEquals("churn", result.model());
        registry.register(result.model(), result.version(), "alice");
        registry.transition("churn", result.version(), ModelStatus.PENDING_APPROVAL, "system:pipeline", "gate passed");
        registry.transition("churn", result.version(), ModelStatus.APPROVED, "bob", "approved");
        registry.transition("churn", result.version(), ModelStatus.CANARY, "system:pipeline", "canary");
        registry.promote("churn", result.version(), registry.deployment("churn").revision(), "ops", "test");
        token = LocalTokens.readOrCreate(home.resolve("tokens.json"), new SecureRandom()).tokens().tokenFor(Role.CLIENT).orElseThrow();
        server = ApplicationContext.run(EmbeddedServer.class, java.util.Map.of(
                "micronaut.server.port", -1,
                "mlops.inference.home", home.toString(),
                "mlops.inference.deployment-ttl", "0s"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Subscribers with a logistic churn label (same shape as the pipeline tests' ChurnData). */
    private static byte[] csv(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("tenure_months,monthly_charges,contract,payment,churned\n");
        for (int i = 0; i < n; i++) {
            int contract = random.nextInt(3);
            String payment = PAYMENTS[random.nextInt(3)];
            double tenure = Math.min(240, Math.round(random.nextExponential() * (contract == 0 ? 12 : 36)));
            double charges = Math.round(Math.max(5, 60 + 25 * random.nextGaussian()) * 100) / 100.0;
            double logit = -1.2 + (contract == 0 ? 1.4 : contract == 1 ? 0 : -1.0) - 0.03 * tenure + 0.015 * (charges - 60)
                    + (payment.equals("invoice") ? 0.5 : 0);
            boolean churned = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            sb.append(tenure).append(',').append(charges).append(',').append(CONTRACTS[contract]).append(',').append(payment)
                    .append(',').append(churned ? "yes" : "no").append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String record(double tenure, double charges, String contract, String payment) {
        return "{\"tenure_months\":" + tenure + ",\"monthly_charges\":" + charges + ",\"contract\":\"" + contract
                + "\",\"payment\":\"" + payment + "\"}";
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.tree(response.body().getBytes(StandardCharsets.UTF_8), "reply");
    }

    private static double probability(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return json(response).at("/predictions/0/probability").asDouble();
    }

    @Test
    void predict_churnFeatures_probabilityFromTheChampion() throws Exception {
        HttpResponse<String> reply = post("/v1/models/churn/predict",
                "{\"instances\":[" + record(2, 95.5, "monthly", "invoice") + "," + record(120, 40, "two-year", "card") + "]}");
        assertEquals(200, reply.statusCode(), reply.body());
        JsonNode body = json(reply);
        assertEquals("churn", body.get("model").asText());
        assertEquals("v1", body.get("version").asText());
        assertEquals("champion", body.get("variant").asText());
        assertEquals("v1", reply.headers().firstValue("X-Model-Version").orElseThrow());
        JsonNode predictions = body.get("predictions");
        assertEquals(2, predictions.size());
        double risky = predictions.get(0).get("probability").asDouble();
        double loyal = predictions.get(1).get("probability").asDouble();
        for (double p : new double[] {risky, loyal}) {
            assertTrue(p > 0 && p < 1, "probability " + p);
        }
        // The label uses churn's own levels, and the learned direction follows the generator's coefficients.
        assertTrue(Set.of("yes", "no").contains(predictions.get(0).get("label").asText()), body.toString());
        assertTrue(risky > loyal, "new monthly invoice payer " + risky + " vs two-year card payer " + loyal);
    }

    @Test
    void predict_unknownLevels_followEachFeaturesPolicy() throws Exception {
        // payment: onUnknown fallback to "invoice"
        double unknownPayment = probability(post("/v1/models/churn/predict",
                "{\"instances\":[" + record(10, 70, "yearly", "crypto") + "]}"));
        double invoice = probability(post("/v1/models/churn/predict",
                "{\"instances\":[" + record(10, 70, "yearly", "invoice") + "]}"));
        double card = probability(post("/v1/models/churn/predict",
                "{\"instances\":[" + record(10, 70, "yearly", "card") + "]}"));
        assertEquals(invoice, unknownPayment, 0.0);
        assertNotEquals(card, unknownPayment);

        // contract: onUnknown reject
        HttpResponse<String> rejected = post("/v1/models/churn/predict",
                "{\"instances\":[" + record(10, 70, "weekly", "card") + "]}");
        assertEquals(400, rejected.statusCode(), rejected.body());
        assertTrue(rejected.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals("contract", json(rejected).at("/errors/0/field").asText(), rejected.body());
    }

    @Test
    void predict_missingChurnFeatureOrCreditRiskRecord_is400NamingFields() throws Exception {
        HttpResponse<String> missing = post("/v1/models/churn/predict",
                "{\"instances\":[{\"tenure_months\":10,\"monthly_charges\":70,\"contract\":\"yearly\"}]}");
        assertEquals(400, missing.statusCode(), missing.body());
        JsonNode problem = json(missing);
        assertEquals("https://mlops.dev/problems/invalid-request", problem.get("type").asText());
        assertEquals(400, problem.get("status").asInt());
        Set<String> fields = new HashSet<>();
        problem.get("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertEquals(Set.of("payment"), fields, missing.body());

        // A credit-risk record sent to churn: every churn feature missing, every credit-risk one extra.
        HttpResponse<String> wrongModel = post("/v1/models/churn/predict", "{\"instances\":[{\"age\":41,\"purpose\":\"car\"}]}");
        assertEquals(400, wrongModel.statusCode(), wrongModel.body());
        Set<String> wrong = new HashSet<>();
        json(wrongModel).get("errors").forEach(e -> wrong.add(e.path("field").asText()));
        assertEquals(Set.of("tenure_months", "monthly_charges", "contract", "payment", "age", "purpose"), wrong, wrongModel.body());
    }

    @Test
    void feedback_inChurnsOwnLabels_acceptedAndCaptured() throws Exception {
        String id = json(post("/v1/models/churn/predict", "{\"instances\":[" + record(3, 90, "monthly", "card") + "]}"))
                .at("/predictions/0/predictionId").asText();
        HttpResponse<String> accepted = post("/v1/feedback",
                "{\"model\":\"churn\",\"outcomes\":[{\"predictionId\":\"" + id + "\",\"outcome\":\"yes\"}]}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        // credit-risk's labels are not churn's
        HttpResponse<String> wrong = post("/v1/feedback",
                "{\"model\":\"churn\",\"outcomes\":[{\"predictionId\":\"" + id + "\",\"outcome\":1}]}");
        assertEquals(400, wrong.statusCode(), wrong.body());
        assertTrue(wrong.body().contains("outcome"), wrong.body());
    }

    @Test
    void v2_metadataAndInferByFeature_matchV1() throws Exception {
        HttpRequest metadataRequest = HttpRequest.newBuilder(URI.create(server.getURL() + "/v2/models/churn"))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<String> metadata = CLIENT.send(metadataRequest, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metadata.statusCode(), metadata.body());
        assertEquals(8, json(metadata).at("/inputs/0/shape/1").asInt(), metadata.body()); // 2 numeric + 3 + 3 one-hot

        double v1 = probability(post("/v1/models/churn/predict", "{\"instances\":[" + record(5, 80, "monthly", "bank") + "]}"));
        String body = """
                {"id": "c-1", "inputs": [
                  {"name": "tenure_months", "shape": [1], "datatype": "FP64", "data": [5]},
                  {"name": "monthly_charges", "shape": [1], "datatype": "FP64", "data": [80]},
                  {"name": "contract", "shape": [1], "datatype": "BYTES", "data": ["monthly"]},
                  {"name": "payment", "shape": [1], "datatype": "BYTES", "data": ["bank"]}
                ]}""";
        HttpResponse<String> reply = post("/v2/models/churn/infer", body);
        assertEquals(200, reply.statusCode(), reply.body());
        JsonNode out = json(reply);
        assertEquals("v1", out.get("model_version").asText());
        assertEquals("c-1", out.get("id").asText());
        assertEquals(v1, out.at("/outputs/0/data/1").asDouble(), 1e-6);
    }
}
