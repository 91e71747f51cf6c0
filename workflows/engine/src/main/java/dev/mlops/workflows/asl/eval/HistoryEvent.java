package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.Timestamps;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * One event of an execution's history, named as GetExecutionHistory names them ({@code ExecutionStarted},
 * {@code PassStateEntered}, {@code TaskScheduled}, {@code MapIterationStarted}, ...).
 *
 * @param id              1 for the first event, then one more per event
 * @param previousEventId the event this one follows on the same branch (0 for the first)
 * @param timestamp       when it happened, on the execution's clock
 * @param type            the event type
 * @param detailsName     the name of the details field, for example {@code stateEnteredEventDetails}
 * @param details         the details; payload fields (input, output, parameters) hold JSON values here, and
 *                        {@link #toAwsJson()} renders them as strings as AWS does
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, String detailsName,
                           ObjectNode details) {

    private static final Set<String> PAYLOAD_FIELDS = Set.of("input", "output", "parameters");

    /** A copy of the details: the event itself never changes. */
    @Override
    public ObjectNode details() {
        return details.deepCopy();
    }

    /** The event as GetExecutionHistory returns it: payloads as JSON strings with their {@code *Details}. */
    public ObjectNode toAwsJson() {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("timestamp", Timestamps.format(timestamp));
        event.put("type", type);
        event.put("id", id);
        event.put("previousEventId", previousEventId);
        if (detailsName != null) {
            ObjectNode rendered = event.putObject(detailsName);
            for (Iterator<Map.Entry<String, JsonNode>> it = details.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (PAYLOAD_FIELDS.contains(e.getKey())) {
                    rendered.put(e.getKey(), e.getValue().toString());
                    rendered.putObject(e.getKey() + "Details").put("truncated", false);
                } else {
                    rendered.set(e.getKey(), e.getValue());
                }
            }
        }
        return event;
    }
}
