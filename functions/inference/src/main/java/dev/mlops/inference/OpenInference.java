package dev.mlops.inference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.contract.InputContract;
import dev.mlops.model.FeatureSpec;
import dev.mlops.packaging.PackageManifest;
import dev.mlops.routing.Route;
import dev.mlops.routing.Router;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The Open Inference Protocol (KServe v2) over the same live models and routing as {@code /v1}. An infer request
 * carries either the model's raw tensor (one FP32 input named as the graph input, shape [n, width], already
 * transformed) or one input per feature (shape [n]; BYTES for categorical features), which the input contract
 * encodes exactly as {@code /v1} does.
 */
public final class OpenInference {

    private static final Set<String> REQUEST_KEYS = Set.of("id", "inputs", "outputs", "parameters");
    private static final Set<String> NUMERIC_TYPES = Set.of("FP16", "FP32", "FP64", "INT8", "INT16", "INT32", "INT64",
            "UINT8", "UINT16", "UINT32", "UINT64");

    private final LiveModels models;
    private final ServingMetrics metrics;
    private final RandomGenerator random;
    private final long payloadLimit;

    public OpenInference(LiveModels models, ServingMetrics metrics, RandomGenerator random, long payloadLimit) {
        this.models = models;
        this.metrics = metrics;
        this.random = random;
        this.payloadLimit = payloadLimit;
    }

    /** Model metadata: name, live versions, platform, input and output tensors. */
    public Map<String, Object> metadata(String model) {
        Serving serving = models.serving(model);
        PackageManifest m = serving.primary().manifest();
        List<String> versions = new ArrayList<>();
        versions.add(serving.primary().version());
        if (serving.challenger() != null && serving.challenger() != serving.primary()) {
            versions.add(serving.challenger().version());
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", model);
        metadata.put("versions", versions);
        metadata.put("platform", "onnxruntime_onnx");
        metadata.put("inputs", List.of(tensor(m.input().tensorName(), m.input().width())));
        metadata.put("outputs", List.of(tensor(m.output().tensorName(), m.output().labels().size())));
        return metadata;
    }

    /** Whether the model can answer now. */
    public boolean isReady(String model) {
        try {
            models.serving(model);
            return true;
        } catch (NoLiveVersionException e) {
            return false;
        }
    }

    /** Runs an infer request; the response names the version that answered. */
    public Map<String, Object> infer(String model, byte[] body, String routingKey) {
        long started = System.nanoTime();
        if (body != null && body.length > payloadLimit) {
            throw new PayloadTooLargeException("request body is " + body.length + " bytes; the limit is " + payloadLimit);
        }
        JsonNode root = PredictionService.parse(body);
        if (!root.isObject()) {
            throw InvalidRequestException.of("infer request must be a JSON object with 'inputs'");
        }
        root.fieldNames().forEachRemaining(key -> {
            if (!REQUEST_KEYS.contains(key)) {
                throw InvalidRequestException.of("unknown key '" + key + "' (allowed: " + REQUEST_KEYS + ")");
            }
        });
        JsonNode inputs = root.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw InvalidRequestException.of("'inputs' must be a non-empty array of tensors");
        }
        Serving serving = models.serving(model);
        Route route = Router.route(serving.effectiveDeployment(), routingKey, random);
        OnnxModel scorer = serving.session(route.version());
        InputContract contract = scorer.manifest().input();
        float[][] rows = isRawTensor(inputs, contract) ? rawRows(inputs.get(0), contract) : featureRows(inputs, contract);
        float[][] scores = scorer.run(rows);
        int labels = scorer.manifest().output().labels().size();
        List<Float> data = new ArrayList<>(rows.length * labels);
        for (float[] row : scores) {
            for (float v : row) {
                data.add(v);
            }
        }
        metrics.request(model, route.variant().label(), (System.nanoTime() - started) / 1e6, false);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("name", scorer.manifest().output().tensorName());
        output.put("datatype", "FP32");
        output.put("shape", List.of(rows.length, labels));
        output.put("data", data);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("model_name", model);
        response.put("model_version", route.version());
        if (root.hasNonNull("id")) {
            response.put("id", root.get("id").asText());
        }
        response.put("parameters", Map.of("variant", route.variant().label()));
        response.put("outputs", List.of(output));
        return response;
    }

    private static boolean isRawTensor(JsonNode inputs, InputContract contract) {
        return inputs.size() == 1 && contract.tensorName().equals(inputs.get(0).path("name").asText());
    }

    private static float[][] rawRows(JsonNode tensor, InputContract contract) {
        String datatype = tensor.path("datatype").asText();
        if (!datatype.equals("FP32") && !datatype.equals("FP64")) {
            throw InvalidRequestException.of("input '" + contract.tensorName() + "' must have datatype FP32 or FP64, got '" + datatype + "'");
        }
        long[] shape = shape(tensor);
        if (shape.length != 2 || shape[1] != contract.width() || shape[0] < 1) {
            throw InvalidRequestException.of("input '" + contract.tensorName() + "' must have shape [n, " + contract.width() + "]");
        }
        List<JsonNode> values = flatten(tensor.path("data"));
        if (values.size() != shape[0] * shape[1]) {
            throw InvalidRequestException.of("input '" + contract.tensorName() + "' has " + values.size() + " values for shape ["
                    + shape[0] + ", " + shape[1] + "]");
        }
        float[][] rows = new float[(int) shape[0]][contract.width()];
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw InvalidRequestException.of("input '" + contract.tensorName() + "' value " + i + " must be a finite number, got " + v);
            }
            rows[i / contract.width()][i % contract.width()] = v.floatValue();
        }
        return rows;
    }

    private static float[][] featureRows(JsonNode inputs, InputContract contract) {
        Map<String, List<JsonNode>> columns = new HashMap<>();
        List<RequestError> errors = new ArrayList<>();
        int n = -1;
        for (JsonNode tensor : inputs) {
            String name = tensor.path("name").asText();
            FeatureSpec feature = contract.features().stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
            if (feature == null) {
                errors.add(new RequestError(null, name, "unknown input (expected the tensor '" + contract.tensorName()
                        + "' or one input per feature: " + contract.features().stream().map(FeatureSpec::name).toList() + ")"));
                continue;
            }
            String datatype = tensor.path("datatype").asText();
            boolean categorical = feature instanceof dev.mlops.model.CategoricalFeature;
            if (categorical ? !datatype.equals("BYTES") : !NUMERIC_TYPES.contains(datatype)) {
                errors.add(new RequestError(null, name, "datatype must be " + (categorical ? "BYTES" : "numeric") + ", got '" + datatype + "'"));
            }
            List<JsonNode> values = flatten(tensor.path("data"));
            long[] shape = shape(tensor);
            if (shape.length == 0 || shape[0] != values.size()) {
                errors.add(new RequestError(null, name, "shape " + java.util.Arrays.toString(shape) + " does not match its " + values.size() + " values"));
            }
            if (n >= 0 && values.size() != n) {
                errors.add(new RequestError(null, name, "has " + values.size() + " values where other inputs have " + n));
            }
            n = values.size();
            columns.put(name, values);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("invalid inputs", errors);
        }
        List<Map<String, Object>> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> record = new HashMap<>();
            for (Map.Entry<String, List<JsonNode>> column : columns.entrySet()) {
                record.put(column.getKey(), PredictionService.value(column.getValue().get(i)));
            }
            records.add(record);
        }
        return PredictionService.encode(contract, records);
    }

    private static long[] shape(JsonNode tensor) {
        JsonNode shape = tensor.path("shape");
        if (!shape.isArray()) {
            throw InvalidRequestException.of("input '" + tensor.path("name").asText() + "' needs a 'shape' array");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asLong(-1);
        }
        return dims;
    }

    private static List<JsonNode> flatten(JsonNode data) {
        if (!data.isArray()) {
            throw InvalidRequestException.of("tensor 'data' must be an array");
        }
        List<JsonNode> flat = new ArrayList<>();
        for (JsonNode v : data) {
            if (v.isArray()) {
                flat.addAll(flatten(v));
            } else {
                flat.add(v);
            }
        }
        return flat;
    }

    private static Map<String, Object> tensor(String name, int columns) {
        return Map.of("name", name, "datatype", "FP32", "shape", List.of(-1, columns));
    }
}
