package dev.mlops.pipeline.notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links put into notifications: the approval page of our console ({@code {consoleUrl}/approvals/{id}}; the
 * decision goes through the authenticated approval API, never through a link carrying the task token) and the
 * paused execution in the Step Functions console.
 *
 * @param consoleUrl        base URL of the project's console, without a trailing slash
 * @param executionTemplate URL of an execution, with {@code {region}} and {@code {arn}} placeholders
 */
public record ConsoleLinks(String consoleUrl, String executionTemplate) {

    /** The Step Functions console page of an execution. */
    public static final String AWS_EXECUTION_TEMPLATE =
            "https://{region}.console.aws.amazon.com/states/home?region={region}#/v2/executions/details/{arn}";

    public ConsoleLinks {
        if (consoleUrl == null || consoleUrl.isBlank()) {
            throw new IllegalArgumentException("console links need the console URL");
        }
        consoleUrl = consoleUrl.endsWith("/") ? consoleUrl.substring(0, consoleUrl.length() - 1) : consoleUrl;
        executionTemplate = executionTemplate == null || executionTemplate.isBlank() ? AWS_EXECUTION_TEMPLATE : executionTemplate;
    }

    /** The console page where an approver sees the evidence and decides. */
    public String approval(String approvalId) {
        return consoleUrl + "/approvals/" + URLEncoder.encode(approvalId, StandardCharsets.UTF_8);
    }

    /** The execution's page; the region is the ARN's fourth field ({@code arn:aws:states:REGION:...}). */
    public String execution(String executionArn) {
        String[] parts = executionArn.split(":");
        String region = parts.length > 3 ? parts[3] : "";
        return executionTemplate.replace("{region}", region).replace("{arn}", executionArn);
    }
}
