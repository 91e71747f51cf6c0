package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.StatesErrors;
import dev.mlops.workflows.asl.distributed.ChildResult;
import dev.mlops.workflows.asl.distributed.ItemBatches;
import dev.mlops.workflows.asl.distributed.ItemReaders;
import dev.mlops.workflows.asl.distributed.ObjectStore;
import dev.mlops.workflows.asl.distributed.ResultFiles;
import dev.mlops.workflows.asl.model.DistributedMap;
import dev.mlops.workflows.asl.model.PayloadTemplate;
import dev.mlops.workflows.asl.model.State;
import dev.mlops.workflows.asl.path.JsonPath;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One Map Run of a DISTRIBUTED Map state: reads the items (ItemReader or ItemsPath), applies ItemSelector, batches
 * (ItemBatcher), runs one child execution of the item processor per item or batch, judges the tolerated failures,
 * and writes the results (ResultWriter) or returns them.
 *
 * <p>Children are executions of their own ({@code $$.Execution} is the child's, named
 * {@code {machine}/{label}:{uuid}}; {@code $$.Map.Item} holds the item when not batched) whose history stays with
 * them, as in AWS. On a virtual clock they run one after another, in item order (reproducible); on a real clock
 * up to MaxConcurrency at a time (0: up to {@value #MAX_THREADS}). Once the failures exceed the threshold no new
 * child starts: the items not started are PENDING.
 */
final class DistributedMapRun {

    /** Threads of one Map Run on a real clock when MaxConcurrency is 0 (AWS: 10,000 child executions). */
    static final int MAX_THREADS = 256;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What the run needs from the state that runs it. */
    interface Host {
        /** A payload template evaluated against the state's effective input. */
        JsonNode template(PayloadTemplate template, String field);

        /** The item as its child sees it: ItemSelector applied with {@code $$.Map.Item}. */
        JsonNode select(int index, JsonNode item);

        /** A reference path of the state (MaxItemsPath, ToleratedFailureCountPath, ...) on its effective input. */
        JsonNode find(JsonPath path, String field);

        /** The items from ItemsPath, when there is no ItemReader. */
        JsonNode itemsFromPath();

        /** Records an event in the parent's history. */
        void event(String type, String detailsName, ObjectNode details);

        /** The parent's timeline. */
        Timeline time();
    }

    private final Engine engine;
    private final State.Map state;
    private final DistributedMap config;
    private final Host host;
    private final String processorName;
    private final String mapRunId;
    private final String mapRunArn;
    /** ToleratedFailureCount and -Percentage, resolved once on the parent's thread (null: not given). */
    private Integer toleratedCount;
    private Double toleratedPercentage;

    DistributedMapRun(Engine engine, State.Map state, String stateMachineName, Host host) {
        this.engine = engine;
        this.state = state;
        this.config = state.distributed();
        this.host = host;
        this.processorName = stateMachineName + "/" + (config.label() != null ? config.label() : state.name());
        this.mapRunId = new UUID(engine.random().nextLong(), engine.random().nextLong()).toString();
        this.mapRunArn = Engine.ARN_PREFIX + "mapRun:" + processorName + ":" + mapRunId;
    }

    /** Runs it: the Map state's result (before ResultSelector), or an error. */
    JsonNode run() {
        ObjectNode started = NODES.objectNode();
        started.put("mapRunArn", mapRunArn);
        host.event("MapRunStarted", "mapRunStartedEventDetails", started);
        try {
            JsonNode result = runChildren();
            host.event("MapRunSucceeded", null, NODES.objectNode());
            return result;
        } catch (AslError e) {
            ObjectNode failed = NODES.objectNode();
            failed.put("error", e.error());
            failed.put("cause", e.cause());
            host.event("MapRunFailed", "mapRunFailedEventDetails", failed);
            throw e;
        }
    }

    private JsonNode runChildren() {
        resolveTolerance();
        JsonNode items = readItems();
        List<JsonNode> selected = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            selected.add(host.select(i, items.get(i)));
        }
        List<ItemBatches.Batch> batches = batches(selected);
        List<ChildResult> results = execute(items, batches);
        int failedItems = 0;
        for (int i = 0; i < results.size(); i++) {
            ChildResult r = results.get(i);
            if (!r.isSucceeded() && !r.status().equals("PENDING")) {
                failedItems += batches.get(i).size();
            }
        }
        boolean isExceeded = exceeds(failedItems, items.size());
        JsonNode output = config.resultWriter() == null ? outputs(results) : write(results);
        if (isExceeded) {
            throw new AslError(StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD, "The specified tolerated failure threshold"
                    + " was exceeded: " + failedItems + " of " + items.size() + " items failed (Map Run " + mapRunArn + ").");
        }
        return output;
    }

    private JsonNode readItems() {
        DistributedMap.ItemReader reader = config.itemReader();
        if (reader == null) {
            JsonNode items = host.itemsFromPath();
            if (!items.isArray()) {
                throw new AslError(StatesErrors.RUNTIME, "The value of the ItemsPath '" + state.itemsPath()
                        + "' must be a JSON array, got " + items);
            }
            return items;
        }
        ObjectStore store = engine.objectStore().orElseThrow(() -> new AslError(StatesErrors.ITEM_READER_FAILED,
                "The ItemReader needs an object store: this engine was given none."));
        JsonNode params = host.template(reader.parameters(), "ItemReader.Parameters");
        String bucket = text(params, "Bucket", StatesErrors.ITEM_READER_FAILED);
        Integer maxItems = reader.config().maxItemsPath() == null ? reader.config().maxItems()
                : count(host.find(reader.config().maxItemsPath(), "MaxItemsPath"), "MaxItemsPath");
        if (reader.isListing()) {
            String prefix = params.path("Prefix").asText("");
            return ItemReaders.listing(store.list(bucket, prefix), maxItems);
        }
        String key = text(params, "Key", StatesErrors.ITEM_READER_FAILED);
        byte[] content = store.get(bucket, key).orElseThrow(() -> new AslError(StatesErrors.ITEM_READER_FAILED,
                "The ItemReader could not read the items: no object s3://" + bucket + "/" + key));
        return ItemReaders.parse(content, reader.config(), maxItems);
    }

    private List<ItemBatches.Batch> batches(List<JsonNode> selected) {
        DistributedMap.ItemBatcher b = config.itemBatcher();
        if (b == null) {
            List<ItemBatches.Batch> single = new ArrayList<>(selected.size());
            for (int i = 0; i < selected.size(); i++) {
                single.add(new ItemBatches.Batch(i, i + 1, selected.get(i)));
            }
            return single;
        }
        Integer maxItems = b.maxItemsPerBatchPath() == null ? b.maxItemsPerBatch()
                : count(host.find(b.maxItemsPerBatchPath(), "MaxItemsPerBatchPath"), "MaxItemsPerBatchPath");
        Integer maxBytes = b.maxInputBytesPerBatchPath() == null ? b.maxInputBytesPerBatch()
                : count(host.find(b.maxInputBytesPerBatchPath(), "MaxInputBytesPerBatchPath"), "MaxInputBytesPerBatchPath");
        JsonNode batchInput = b.batchInput() == null ? null : host.template(b.batchInput(), "BatchInput");
        return ItemBatches.of(selected, maxItems, maxBytes, batchInput);
    }

    /** Runs the children, stopping new ones once the failures exceed the threshold. */
    private List<ChildResult> execute(JsonNode items, List<ItemBatches.Batch> batches) {
        int total = items.size();
        List<String> names = new ArrayList<>(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            // Names come from the seeded source in item order, whatever order children run in.
            names.add(new UUID(engine.random().nextLong(), engine.random().nextLong()).toString());
        }
        ChildResult[] results = new ChildResult[batches.size()];
        if (engine.clock() instanceof RealClock && batches.size() > 1 && state.maxConcurrency() != 1) {
            runConcurrently(items, batches, names, results, total);
        } else {
            int failed = 0;
            for (int i = 0; i < batches.size() && !exceeds(failed, total); i++) {
                results[i] = child(items, batches.get(i), names.get(i));
                failed += results[i].isSucceeded() ? 0 : batches.get(i).size();
            }
        }
        Instant latest = host.time().now();
        List<ChildResult> list = new ArrayList<>(batches.size());
        for (int i = 0; i < results.length; i++) {
            ChildResult r = results[i] != null ? results[i]
                    : ChildResult.pending(Engine.ARN_PREFIX + "stateMachine:" + processorName, batches.get(i).input());
            if (r.stopDate() != null && r.stopDate().isAfter(latest)) {
                latest = r.stopDate();
            }
            list.add(r);
        }
        host.time().sleepUntil(latest);
        return list;
    }

    private void runConcurrently(JsonNode items, List<ItemBatches.Batch> batches, List<String> names,
                                 ChildResult[] results, int total) {
        int threads = Math.min(batches.size(), state.maxConcurrency() == 0 ? MAX_THREADS : state.maxConcurrency());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "asl-maprun-" + mapRunId);
            t.setDaemon(true);
            return t;
        });
        int[] failed = {0};
        try {
            List<Future<?>> futures = new ArrayList<>(batches.size());
            for (int i = 0; i < batches.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    synchronized (failed) {
                        if (exceeds(failed[0], total)) {
                            return;
                        }
                    }
                    ChildResult r = child(items, batches.get(index), names.get(index));
                    synchronized (failed) {
                        results[index] = r;
                        failed[0] += r.isSucceeded() ? 0 : batches.get(index).size();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Map Run ran", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private ChildResult child(JsonNode items, ItemBatches.Batch batch, String name) {
        Interpreter child = new Interpreter(engine, state.processor(), processorName, name, batch.input());
        if (config.itemBatcher() == null) {
            child.mapItem(batch.from(), items.get(batch.from()));
        }
        ExecutionResult r = child.run();
        return new ChildResult(r.executionArn(), name, child.stateMachineArn(), batch.input(), r.status().name(),
                r.output(), r.error(), r.cause(), r.startDate(), r.stopDate());
    }

    private void resolveTolerance() {
        toleratedCount = config.toleratedFailureCountPath() == null ? config.toleratedFailureCount()
                : count(host.find(config.toleratedFailureCountPath(), "ToleratedFailureCountPath"), "ToleratedFailureCountPath");
        toleratedPercentage = config.toleratedFailurePercentage();
        if (config.toleratedFailurePercentagePath() != null) {
            JsonNode v = host.find(config.toleratedFailurePercentagePath(), "ToleratedFailurePercentagePath");
            if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 100) {
                throw new AslError(StatesErrors.RUNTIME, "ToleratedFailurePercentagePath must give a number from 0 to 100, got " + v);
            }
            toleratedPercentage = v.asDouble();
        }
    }

    /** Whether {@code failed} of {@code total} items is more than ToleratedFailureCount or -Percentage allow. */
    private boolean exceeds(int failed, int total) {
        if (toleratedCount == null && toleratedPercentage == null) {
            return failed > 0;
        }
        return (toleratedCount != null && failed > toleratedCount)
                || (toleratedPercentage != null && total > 0 && failed * 100.0 / total > toleratedPercentage);
    }

    private static JsonNode outputs(List<ChildResult> results) {
        ArrayNode out = NODES.arrayNode(results.size());
        for (ChildResult r : results) {
            out.add(r.isSucceeded() ? r.output() : r.toAwsJson());
        }
        return out;
    }

    private JsonNode write(List<ChildResult> results) {
        ObjectStore store = engine.objectStore().orElseThrow(() -> new AslError(StatesErrors.RESULT_WRITER_FAILED,
                "The ResultWriter needs an object store: this engine was given none."));
        JsonNode params = host.template(config.resultWriter().parameters(), "ResultWriter.Parameters");
        String bucket = text(params, "Bucket", StatesErrors.RESULT_WRITER_FAILED);
        String key;
        try {
            key = ResultFiles.write(store, bucket, params.path("Prefix").asText(""), mapRunId, mapRunArn, results);
        } catch (RuntimeException e) {
            throw new AslError(StatesErrors.RESULT_WRITER_FAILED, "The ResultWriter could not write to s3://" + bucket
                    + ": " + e.getMessage());
        }
        ObjectNode output = NODES.objectNode();
        output.put("MapRunArn", mapRunArn);
        output.putObject("ResultWriterDetails").put("Bucket", bucket).put("Key", key);
        return output;
    }

    private static String text(JsonNode params, String field, String error) {
        JsonNode v = params.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new AslError(error, "The Parameters need a string " + field + ", got " + params);
        }
        return v.asText();
    }

    private static Integer count(JsonNode v, String field) {
        if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > Integer.MAX_VALUE) {
            throw new AslError(StatesErrors.RUNTIME, "The value of " + field + " must be a non-negative integer, got " + v);
        }
        return v.asInt();
    }
}
