package dev.mlops.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.mlops.Json;
import dev.mlops.contract.FieldError;
import dev.mlops.contract.InputContract;
import dev.mlops.contract.InvalidRecordException;
import dev.mlops.inference.PredictionResponse.Explanation;
import dev.mlops.inference.PredictionResponse.Prediction;
import dev.mlops.inference.lines.LineSink;
import dev.mlops.model.FeatureSpec;
import dev.mlops.packaging.LinearCoefficients;
import dev.mlops.packaging.OutputContract;
import dev.mlops.routing.Route;
import dev.mlops.routing.Router;
import dev.mlops.routing.Variant;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The {@code /v1} serving path without HTTP: parse, validate against the input contract, route, score with ONNX
 * Runtime, explain, capture, and emit metrics. The same object serves Netty and Lambda.
 */
public final class PredictionService {

    /** Lambda's synchronous payload limit, each way. */
    public static final long LAMBDA_PAYLOAD_LIMIT = 6L * 1024 * 1024;

    /** Upper bounds of one serialised prediction, to refuse a batch whose response could not be returned. */
    private static final int PREDICTION_BYTES = 160;
    private static final int CONTRIBUTION_BYTES = 48;

    private static final Set<String> PREDICT_KEYS = Set.of("instances");
    private static final Set<String> FEEDBACK_KEYS = Set.of("model", "outcomes");
    private static final Set<String> OUTCOME_KEYS = Set.of("predictionId", "outcome");

    /** NaN and Infinity parse, so that they are reported as non-finite values rather than as malformed JSON. */
    private static final ObjectReader READER = Json.mapper().reader()
            .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());

    private final LiveModels models;
    private final LineSink capture;
    private final ServingMetrics metrics;
    private final Clock clock;
    private final Supplier<String> ids;
    private final RandomGenerator random;
    private final long payloadLimit;
    private final String instanceId;
    private final Map<String, DailyKeys> captureKeys = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param ids          prediction ids (random UUIDs in production)
     * @param random       routing draws for requests without a key
     * @param payloadLimit bytes a request or response may take
     * @param instanceId   names this process's capture files, so concurrent writers never share a file
     */
    public PredictionService(LiveModels models, LineSink capture, ServingMetrics metrics, Clock clock, Supplier<String> ids,
                             RandomGenerator random, long payloadLimit, String instanceId) {
        this.models = models;
        this.capture = capture;
        this.metrics = metrics;
        this.clock = clock;
        this.ids = ids;
        this.random = random;
        this.payloadLimit = payloadLimit;
        this.instanceId = instanceId;
    }

    /**
     * Scores a {@code {"instances": [...]}} body.
     *
     * @param routingKey the client's key for sticky routing, or {@code null}
     * @throws PayloadTooLargeException before any work when the request or its response would pass the limit
     * @throws InvalidRequestException  listing every malformed or contract-breaking field
     */
    public PredictionResponse predict(String model, byte[] body, String routingKey, boolean explain) {
        long started = System.nanoTime();
        String variant = Variant.CHAMPION.label();
        try {
            checkRequestSize(body);
            JsonNode instances = instances(parse(body));
            Serving serving = models.serving(model);
            Route route = Router.route(serving.effectiveDeployment(), routingKey, random);
            variant = route.variant().label();
            OnnxModel scorer = serving.session(route.version());
            checkResponseSize(instances.size(), explain ? scorer.manifest().input().features().size() : 0);

            List<Map<String, Object>> records = records(instances);
            float[][] rows = encode(scorer.manifest().input(), records);
            float[] probabilities = scorer.positiveProbabilities(rows);
            float[] shadow = route.shadowVersion() == null ? null : shadowScores(serving.session(route.shadowVersion()), records);

            List<Prediction> predictions = new ArrayList<>(rows.length);
            Instant now = clock.instant();
            double latencyMs = (System.nanoTime() - started) / 1e6;
            for (int i = 0; i < rows.length; i++) {
                String id = ids.get();
                String label = label(scorer.manifest().output(), probabilities[i]);
                Explanation explanation = explain ? explain(scorer, rows[i], records.get(i)) : null;
                predictions.add(new Prediction(id, asDecimal(probabilities[i]), label, explanation));
                captureLine(model, id, route, scorer, records.get(i), probabilities[i], label,
                        shadow == null ? null : shadow[i], now, latencyMs);
            }
            metrics.request(model, variant, latencyMs, false);
            return new PredictionResponse(model, route.version(), variant, predictions);
        } catch (InvalidRequestException | PayloadTooLargeException | ModelNotFoundException | NoLiveVersionException e) {
            metrics.request(model, variant, (System.nanoTime() - started) / 1e6, true);
            throw e;
        }
    }

    /**
     * Records delayed ground truth: {@code {"model": m, "outcomes": [{"predictionId": id, "outcome": label}]}}.
     * Each outcome becomes a capture line next to the predictions, so the KPI join needs no database.
     *
     * @return how many outcomes were accepted
     */
    public int feedback(byte[] body) {
        checkRequestSize(body);
        JsonNode root = parse(body);
        checkKeys(root, FEEDBACK_KEYS, null);
        JsonNode modelNode = root.get("model");
        if (modelNode == null || !modelNode.isTextual()) {
            throw new InvalidRequestException("invalid feedback", List.of(new RequestError(null, "model", "required string")));
        }
        String model = modelNode.asText();
        Serving serving = models.serving(model);
        List<String> labels = serving.primary().manifest().output().labels();
        JsonNode outcomes = root.get("outcomes");
        if (outcomes == null || !outcomes.isArray() || outcomes.isEmpty()) {
            throw new InvalidRequestException("invalid feedback", List.of(new RequestError(null, "outcomes", "required non-empty array")));
        }
        List<RequestError> errors = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            JsonNode outcome = outcomes.get(i);
            if (!outcome.isObject()) {
                errors.add(new RequestError(i, null, "must be an object with predictionId and outcome"));
                continue;
            }
            checkKeys(outcome, OUTCOME_KEYS, i, errors);
            JsonNode id = outcome.get("predictionId");
            if (id == null || !id.isTextual() || id.asText().isBlank()) {
                errors.add(new RequestError(i, "predictionId", "required non-blank string"));
            }
            JsonNode value = outcome.get("outcome");
            if (value == null || !(value.isTextual() || value.isIntegralNumber()) || !labels.contains(value.asText())) {
                errors.add(new RequestError(i, "outcome", "must be one of the model's labels " + labels));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("invalid feedback", errors);
        }
        Instant now = clock.instant();
        for (JsonNode outcome : outcomes) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "feedback");
            line.put("predictionId", outcome.get("predictionId").asText());
            line.put("model", model);
            line.put("outcome", outcome.get("outcome").asText());
            line.put("time", now.toString());
            capture.offer(captureKey(model, now), Json.compact(line));
        }
        return outcomes.size();
    }

    /** The sink's dropped-line count, for readiness and metrics. */
    public long captureDrops() {
        return capture.dropped();
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw InvalidRequestException.of("request body is empty; expected a JSON object");
        }
        try {
            return READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.of("malformed JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw InvalidRequestException.of("unreadable body: " + e.getMessage());
        }
    }

    private void checkRequestSize(byte[] body) {
        if (body != null && body.length > payloadLimit) {
            throw new PayloadTooLargeException("request body is " + body.length + " bytes; the limit is " + payloadLimit);
        }
    }

    private void checkResponseSize(int rows, int features) {
        long estimate = (long) rows * (PREDICTION_BYTES + (long) features * CONTRIBUTION_BYTES);
        if (estimate > payloadLimit) {
            throw new PayloadTooLargeException("a response for " + rows + " instances" + (features > 0 ? " with explanations" : "")
                    + " could take " + estimate + " bytes; the limit is " + payloadLimit + ": send smaller batches");
        }
    }

    private static JsonNode instances(JsonNode root) {
        if (!root.isObject()) {
            throw InvalidRequestException.of("request body must be a JSON object with an 'instances' array");
        }
        checkKeys(root, PREDICT_KEYS, null);
        JsonNode instances = root.get("instances");
        if (instances == null || !instances.isArray() || instances.isEmpty()) {
            throw new InvalidRequestException("invalid request", List.of(new RequestError(null, "instances", "required non-empty array of records")));
        }
        return instances;
    }

    private static void checkKeys(JsonNode object, Set<String> allowed, Integer instance) {
        List<RequestError> errors = new ArrayList<>();
        checkKeys(object, allowed, instance, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("invalid request", errors);
        }
    }

    private static void checkKeys(JsonNode object, Set<String> allowed, Integer instance, List<RequestError> errors) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                errors.add(new RequestError(instance, key, "unknown key (allowed: " + allowed + ")"));
            }
        }
    }

    private static List<Map<String, Object>> records(JsonNode instances) {
        List<Map<String, Object>> records = new ArrayList<>(instances.size());
        List<RequestError> errors = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            JsonNode instance = instances.get(i);
            if (!instance.isObject()) {
                errors.add(new RequestError(i, null, "must be an object of feature values, got " + instance.getNodeType().name().toLowerCase()));
                continue;
            }
            Map<String, Object> record = new HashMap<>();
            instance.fields().forEachRemaining(f -> record.put(f.getKey(), value(f.getValue())));
            records.add(record);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("invalid request", errors);
        }
        return records;
    }

    /** A JSON value as the input contract checks it: numbers as Double, text as String, the rest as Java collections. */
    static Object value(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull()) {
            return null;
        }
        return Json.mapper().convertValue(node, Object.class);
    }

    /** Encodes every record, or fails listing every broken field of every record. */
    static float[][] encode(InputContract contract, List<Map<String, Object>> records) {
        float[][] rows = new float[records.size()][];
        List<RequestError> errors = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            try {
                rows[i] = contract.encodeFloats(records.get(i));
            } catch (InvalidRecordException e) {
                for (FieldError error : e.errors()) {
                    errors.add(new RequestError(i, error.field(), error.problem()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("instances break the input contract", errors);
        }
        return rows;
    }

    /** The shadow's scores; a shadow that cannot score (its own contract differs) is skipped, never failing the request. */
    private static float[] shadowScores(OnnxModel shadow, List<Map<String, Object>> records) {
        try {
            return shadow.positiveProbabilities(encode(shadow.manifest().input(), records));
        } catch (InvalidRequestException e) {
            return null;
        }
    }

    /** The float as its shortest decimal (0.0157660, not 0.015766015276312828): the model computes in float. */
    private static double asDecimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    private static String label(OutputContract output, float probability) {
        List<String> labels = output.labels();
        int positive = output.positiveColumn();
        return probability >= 0.5f ? labels.get(positive) : labels.get(positive == 0 ? 1 : 0);
    }

    private static Explanation explain(OnnxModel model, float[] row, Map<String, Object> record) {
        LinearCoefficients coefficients = model.manifest().coefficients();
        if (coefficients == null) {
            return Explanation.unavailable("model " + model.manifest().model() + "/" + model.version()
                    + " is not linear: no exact explanation is available");
        }
        InputContract contract = model.manifest().input();
        Map<String, Double> contributions = new LinkedHashMap<>();
        for (FeatureSpec feature : contract.features()) {
            contributions.put(feature.name(), 0.0);
        }
        double baseLogit = coefficients.intercept();
        for (int c = 0; c < row.length; c++) {
            double weight = coefficients.weights().get(c);
            double mean = coefficients.columnMeans().get(c);
            baseLogit += weight * mean;
            contributions.merge(contract.columns().get(c).feature(), weight * (row[c] - mean), Double::sum);
        }
        return new Explanation(true, "linear-exact", baseLogit, contributions, null);
    }

    private void captureLine(String model, String id, Route route, OnnxModel scorer, Map<String, Object> inputs, float probability,
                             String label, Float shadowProbability, Instant now, double latencyMs) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "prediction");
        line.put("predictionId", id);
        line.put("model", model);
        line.put("version", route.version());
        line.put("variant", route.variant().label());
        line.put("time", now.toString());
        line.put("latencyMs", latencyMs);
        line.put("inputs", redacted(scorer, inputs));
        line.put("probability", probability);
        line.put("label", label);
        if (shadowProbability != null) {
            line.put("shadow", Map.of("version", route.shadowVersion(), "probability", shadowProbability));
        }
        if (!capture.offer(captureKey(model, now), Json.compact(line))) {
            metrics.captureDrop(model, route.variant().label());
        }
    }

    private static Map<String, Object> redacted(OnnxModel scorer, Map<String, Object> inputs) {
        List<String> redact = scorer.redactedFields();
        if (redact.isEmpty()) {
            return inputs;
        }
        Map<String, Object> copy = new HashMap<>(inputs);
        redact.forEach(field -> copy.put(field, null));
        return copy;
    }

    private String captureKey(String model, Instant now) {
        return captureKeys.computeIfAbsent(model, m -> new DailyKeys("capture/" + m, instanceId + ".jsonl")).at(now);
    }
}
