package dev.mlops.workflows.asl.distributed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a ResultWriter writes under {@code {Prefix}/{map run id}/}: {@code SUCCEEDED_0.json}, {@code FAILED_0.json}
 * and {@code PENDING_0.json} (JSON arrays of {@link ChildResult#toAwsJson()}, each written only when it has
 * entries), then {@code manifest.json}: {@code {"DestinationBucket", "MapRunArn", "ResultFiles": {"FAILED": [],
 * "PENDING": [], "SUCCEEDED": [{"Key", "Size"}]}}}. AWS splits a file at 5 GB; locally there is one per status.
 */
public final class ResultFiles {

    private ResultFiles() {
    }

    /**
     * Writes the result files and the manifest.
     *
     * @return the manifest's key
     */
    public static String write(ObjectStore store, String bucket, String prefix, String mapRunId, String mapRunArn,
                               List<ChildResult> results) {
        String folder = (prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/") + mapRunId + "/";
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("DestinationBucket", bucket);
        manifest.put("MapRunArn", mapRunArn);
        ObjectNode files = manifest.putObject("ResultFiles");
        for (String status : List.of("FAILED", "PENDING", "SUCCEEDED")) {
            ArrayNode listed = files.putArray(status);
            ArrayNode entries = JsonNodeFactory.instance.arrayNode();
            for (ChildResult r : results) {
                // TIMED_OUT and ABORTED children are failures, listed with FAILED as AWS does.
                String group = r.status().equals("SUCCEEDED") || r.status().equals("PENDING") ? r.status() : "FAILED";
                if (group.equals(status)) {
                    entries.add(r.toAwsJson());
                }
            }
            if (!entries.isEmpty()) {
                String key = folder + status + "_0.json";
                byte[] bytes = entries.toString().getBytes(StandardCharsets.UTF_8);
                store.put(bucket, key, bytes);
                listed.addObject().put("Key", key).put("Size", bytes.length);
            }
        }
        String key = folder + "manifest.json";
        store.put(bucket, key, manifest.toString().getBytes(StandardCharsets.UTF_8));
        return key;
    }
}
