package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** A Task state waiting for its token to come back. */
final class ParkedTask {

    private final String token;
    private final CompletableFuture<TaskCallback> callback = new CompletableFuture<>();
    private volatile Instant lastHeartbeat;
    private volatile boolean isTimedOut;

    ParkedTask(String token, Instant parkedAt) {
        this.token = token;
        this.lastHeartbeat = parkedAt;
    }

    String token() {
        return token;
    }

    CompletableFuture<TaskCallback> callback() {
        return callback;
    }

    void complete(TaskCallback result) {
        callback.complete(result);
    }

    void heartbeat(Instant at) {
        lastHeartbeat = at;
    }

    Instant lastHeartbeat() {
        return lastHeartbeat;
    }

    void timedOut() {
        isTimedOut = true;
    }

    boolean isTimedOut() {
        return isTimedOut;
    }
}

/** What SendTaskSuccess or SendTaskFailure brought: an output, or an error and cause. */
record TaskCallback(JsonNode output, String error, String cause) {

    static TaskCallback success(JsonNode output) {
        return new TaskCallback(output, null, null);
    }

    static TaskCallback failure(String error, String cause) {
        return new TaskCallback(null, error, cause);
    }

    boolean isSuccess() {
        return output != null;
    }
}
