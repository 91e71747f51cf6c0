package dev.mlops.workflows.asl.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.Timestamps;

import java.time.Instant;
import java.util.Objects;

/**
 * How one child execution of a Map Run ended, or that it never started (PENDING: the run failed first).
 *
 * @param executionArn    its ARN (null when PENDING)
 * @param name            its name (null when PENDING)
 * @param stateMachineArn the ARN of the item processor, {@code ...:stateMachine:{machine}/{label}}
 * @param input           its input
 * @param status          SUCCEEDED, FAILED, TIMED_OUT or PENDING
 * @param output          its output when SUCCEEDED
 * @param error           its error when FAILED or TIMED_OUT
 * @param cause           its cause when FAILED or TIMED_OUT
 * @param startDate       when it started (null when PENDING)
 * @param stopDate        when it ended (null when PENDING)
 */
public record ChildResult(String executionArn, String name, String stateMachineArn, JsonNode input, String status,
                          JsonNode output, String error, String cause, Instant startDate, Instant stopDate) {

    public ChildResult {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(status, "status");
    }

    /** An item that never ran. */
    public static ChildResult pending(String stateMachineArn, JsonNode input) {
        return new ChildResult(null, null, stateMachineArn, input, "PENDING", null, null, null, null, null);
    }

    /** Whether it succeeded. */
    public boolean isSucceeded() {
        return status.equals("SUCCEEDED");
    }

    /**
     * The entry of a result file: the execution as DescribeExecution shows it, Input and Output as JSON strings.
     * This is also what a Map without ResultWriter returns for a failed child ("returned unchanged").
     */
    public ObjectNode toAwsJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (executionArn != null) {
            n.put("ExecutionArn", executionArn);
        }
        n.put("Input", input.toString());
        n.putObject("InputDetails").put("Included", true);
        if (name != null) {
            n.put("Name", name);
        }
        if (output != null) {
            n.put("Output", output.toString());
            n.putObject("OutputDetails").put("Included", true);
        }
        if (error != null) {
            n.put("Error", error);
        }
        if (cause != null) {
            n.put("Cause", cause);
        }
        n.put("RedriveCount", 0);
        if (startDate != null) {
            n.put("StartDate", Timestamps.format(startDate));
        }
        n.put("StateMachineArn", stateMachineArn);
        n.put("Status", status);
        if (stopDate != null) {
            n.put("StopDate", Timestamps.format(stopDate));
        }
        return n;
    }
}
