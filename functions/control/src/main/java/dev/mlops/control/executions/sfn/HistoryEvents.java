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
        // The state's input and output (JSON text, up to 256 KiB) as Step Functions reports them: the console shows
        // them per state. Events of a state machine that hides data (includedData) carry none, and none are shown.
        if (e.stateEnteredEventDetails() != null) {
            state = e.stateEnteredEventDetails().name();
            put(detail, "input", e.stateEnteredEventDetails().input());
        } else if (e.stateExitedEventDetails() != null) {
            state = e.stateExitedEventDetails().name();
            put(detail, "output", e.stateExitedEventDetails().output());
        }
        failure(detail, e.executionFailedEventDetails() == null ? null : e.executionFailedEventDetails().error(),
                e.executionFailedEventDetails() == null ? null : e.executionFailedEventDetails().cause());
        failure(detail, e.taskFailedEventDetails() == null ? null : e.taskFailedEventDetails().error(),
                e.taskFailedEventDetails() == null ? null : e.taskFailedEventDetails().cause());
        failure(detail, e.lambdaFunctionFailedEventDetails() == null ? null : e.lambdaFunctionFailedEventDetails().error(),
                e.lambdaFunctionFailedEventDetails() == null ? null : e.lambdaFunctionFailedEventDetails().cause());
        return new HistoryEvent(e.id(), e.typeAsString(), e.timestamp(), state, detail.isEmpty() ? null : Json.compact(detail));
    }

    private static void put(Map<String, String> detail, String key, String value) {
        if (value != null) {
            detail.put(key, value);
        }
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
