package dev.mlops.pipeline.tasks;

import dev.mlops.InvalidInputException;
import dev.mlops.Json;
import dev.mlops.contract.InvalidRecordException;
import dev.mlops.model.ModelConfig;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.pipeline.batch.BatchItem;
import dev.mlops.pipeline.batch.InputFiles;
import dev.mlops.pipeline.batch.PackageScorer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ScoreBatch (the distributed Map's item processor): {@code {BatchInput: {model, outputPrefix}, Items: [{key,
 * firstRow, lastRow}]}} -> {@code {key, firstRow, lastRow, rows, outputKey, version}}. Scores the rows with the
 * champion in ONNX Runtime and writes one JSON line per row ({@code row, probability, label, version}, or
 * {@code row, error} for a record that breaks the input contract) to
 * {@code {outputPrefix}scores/{file}-{first}-{last}.jsonl}. Sessions are kept per version across invocations.
 */
public final class ScoreBatchTask implements Task {

    private final PipelineContext context;
    private final Map<String, PackageScorer> scorers = new ConcurrentHashMap<>();

    public ScoreBatchTask(PipelineContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "score-batch";
    }

    @Override
    public Map<String, Object> run(TaskInput input) {
        TaskInput batch = input.object("BatchInput");
        String model = ModelVersions.checkModel(batch.string("model"));
        String outputPrefix = batch.string("outputPrefix");
        String version = context.registry().deployment(model).champion();
        if (version == null) {
            throw new IllegalStateException(model + " has no champion to score with");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (TaskInput item : input.objects("Items")) {
            results.add(score(model, version, outputPrefix, new BatchItem(item.string("key"), item.integer("firstRow"),
                    item.integer("lastRow"))));
        }
        if (results.isEmpty()) {
            throw new InvalidInputException("score-batch: 'Items' is empty");
        }
        return results.size() == 1 ? results.get(0) : Map.of("results", results);
    }

    private Map<String, Object> score(String model, String version, String outputPrefix, BatchItem item) {
        PackageScorer scorer = scorers.computeIfAbsent(model + "/" + version,
                k -> new PackageScorer(context.packages().read(model, version)));
        ModelConfig config = context.policies().config(model, version, null);
        List<Map<String, Object>> records = InputFiles.records(item.key(), context.store().require(item.key()).bytes(),
                item.firstRow(), item.lastRow(), config);
        List<String> labels = scorer.manifest().output().labels();
        int positive = scorer.manifest().output().positiveColumn();
        String[] lines = new String[records.size()];
        List<Map<String, Object>> valid = new ArrayList<>();
        List<Integer> validAt = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            try {
                scorer.manifest().input().encodeFloats(records.get(i));
                valid.add(records.get(i));
                validAt.add(i);
            } catch (InvalidRecordException e) {
                // One bad record must not fail the other rows of the range: it gets an error line instead of a score.
                lines[i] = Json.compact(Map.of("row", item.firstRow() + i, "error", e.getMessage()));
            }
        }
        double[] p = valid.isEmpty() ? new double[0] : scorer.probabilities(valid);
        for (int j = 0; j < p.length; j++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("row", item.firstRow() + validAt.get(j));
            line.put("probability", (float) p[j]);
            line.put("label", labels.get(p[j] >= 0.5 ? positive : 1 - positive));
            line.put("version", version);
            lines[validAt.get(j)] = Json.compact(line);
        }
        String out = String.join("\n", lines) + "\n";
        String file = item.key().substring(item.key().lastIndexOf('/') + 1);
        String outputKey = outputPrefix + "scores/" + file + "-" + item.firstRow() + "-" + item.lastRow() + ".jsonl";
        context.store().put(outputKey, out.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("key", item.key());
        result.put("firstRow", item.firstRow());
        result.put("lastRow", item.lastRow());
        result.put("rows", records.size());
        result.put("outputKey", outputKey);
        result.put("version", version);
        return result;
    }
}
