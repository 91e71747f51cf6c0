package dev.mlops.control.executions.sfn;

import dev.mlops.Json;
import dev.mlops.control.executions.HistoryEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reduces Step Functions' history events (one optional details member per event type) to {@link HistoryEvent}. */
final class HistoryEvents {

    private HistoryEvents() {
    }

    static HistoryEvent of(software.amazon.awssdk.services.sfn.model.HistoryEvent e) {
        String state = null;
        Map<String, String> detail = new LinkedHashMap<>();
        if (e.stateEnteredEventDetails() != null) {
            state = e.stateEnteredEventDetails().name();
        } else if (e.stateExitedEventDetails() != null) {
            state = e.stateExitedEventDetails().name();
        }
        failure(detail, e.executionFailedEventDetails() == null ? null : e.executionFailedEventDetails().error(),
                e.executionFailedEventDetails() == null ? null : e.executionFailedEventDetails().cause());
        failure(detail, e.taskFailedEventDetails() == null ? null : e.taskFailedEventDetails().error(),
                e.taskFailedEventDetails() == null ? null : e.taskFailedEventDetails().cause());
        failure(detail, e.lambdaFunctionFailedEventDetails() == null ? null : e.lambdaFunctionFailedEventDetails().error(),
                e.lambdaFunctionFailedEventDetails() == null ? null : e.lambdaFunctionFailedEventDetails().cause());
        return new HistoryEvent(e.id(), e.typeAsString(), e.timestamp(), state, detail.isEmpty() ? null : Json.compact(detail));
    }

    private static void failure(Map<String, String> detail, String error, String cause) {
        if (error != null) {
            detail.put("error", error);
        }
        if (cause != null) {
            detail.put("cause", cause);
        }
    }
}
