package dev.mlops.pipeline.tasks;

import dev.mlops.InvalidInputException;
import dev.mlops.Json;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.pipeline.batch.BatchItem;
import dev.mlops.pipeline.batch.InputFiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PlanBatch: {@code {model, inputPrefix, outputPrefix, rowsPerItem}} -> {@code {manifestKey, items, rows}}. Lists
 * the CSV and JSON-lines files under the prefix, cuts each into row ranges of at most {@code rowsPerItem}, and
 * writes them as the JSON array {@code {outputPrefix}items.json} that the distributed Map reads.
 */
public final class PlanBatchTask implements Task {

    private final PipelineContext context;

    public PlanBatchTask(PipelineContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "plan-batch";
    }

    @Override
    public Map<String, Object> run(TaskInput input) {
        ModelVersions.checkModel(input.string("model"));
        String inputPrefix = prefix(input, "inputPrefix");
        String outputPrefix = prefix(input, "outputPrefix");
        long rowsPerItem = input.optionalInteger("rowsPerItem").orElse(10_000L);
        if (rowsPerItem < 1) {
            throw new InvalidInputException("plan-batch: rowsPerItem must be positive, got " + rowsPerItem);
        }
        List<BatchItem> items = new ArrayList<>();
        long rows = 0;
        for (String key : context.store().list(inputPrefix)) {
            if (!InputFiles.isInput(key)) {
                continue;
            }
            long n = InputFiles.countRows(key, context.store().require(key).bytes());
            for (long first = 0; first < n; first += rowsPerItem) {
                items.add(new BatchItem(key, first, Math.min(n, first + rowsPerItem) - 1));
            }
            rows += n;
        }
        String manifestKey = outputPrefix + "items.json";
        context.store().put(manifestKey, Json.write(items));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("manifestKey", manifestKey);
        out.put("items", items.size());
        out.put("rows", rows);
        return out;
    }

    private static String prefix(TaskInput input, String key) {
        String prefix = input.string(key);
        if (!prefix.endsWith("/")) {
            throw new InvalidInputException("plan-batch: '" + key + "' must end with '/', got '" + prefix + "'");
        }
        dev.mlops.store.ArtifactKeys.validatePrefix(prefix);
        return prefix;
    }
}
