package dev.mlops.pipeline.handlers;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Settings of the pipeline functions ({@code mlops.pipeline.*}; MLOPS_HOME, MLOPS_STORE, MLOPS_CONSOLE_URL and
 * MLOPS_NOTIFICATION_TOPIC map onto them, see application.properties).
 */
@ConfigurationProperties("mlops.pipeline")
public class PipelineConfiguration {

    private String home = ".mlops";
    private String store = "";
    private String consoleUrl = "http://localhost:8080";
    private String executionUrlTemplate = "";
    private String notificationTopic = "";

    /** Local state folder (MLOPS_HOME): notifications and, by default, the store. */
    public String getHome() {
        return home;
    }

    public void setHome(String home) {
        this.home = home;
    }

    /** Artifact store location ({@code s3://bucket/prefix} or a folder); empty means {@code <home>/store}. */
    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    /** Base URL of the console that shows approvals ({@code {consoleUrl}/approvals/{id}}). */
    public String getConsoleUrl() {
        return consoleUrl;
    }

    public void setConsoleUrl(String consoleUrl) {
        this.consoleUrl = consoleUrl;
    }

    /**
     * Link to an execution with {@code {region}} and {@code {arn}}; empty means the Step Functions console in
     * Lambda and {@code {consoleUrl}/executions/{arn}} locally.
     */
    public String getExecutionUrlTemplate() {
        return executionUrlTemplate;
    }

    public void setExecutionUrlTemplate(String executionUrlTemplate) {
        this.executionUrlTemplate = executionUrlTemplate;
    }

    /** The SNS topic ARN notifications go to (AWS only). */
    public String getNotificationTopic() {
        return notificationTopic;
    }

    public void setNotificationTopic(String notificationTopic) {
        this.notificationTopic = notificationTopic;
    }

    /** The store location with the default applied. */
    public String resolvedStore() {
        return store == null || store.isBlank() ? java.nio.file.Path.of(home, "store").toString() : store;
    }
}
