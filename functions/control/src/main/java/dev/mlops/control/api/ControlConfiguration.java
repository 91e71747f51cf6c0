package dev.mlops.control.api;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Settings of the control function ({@code mlops.control.*}; environment variables such as
 * {@code MLOPS_CONTROL_TRAINING_PIPELINE_ARN} map onto them).
 */
@ConfigurationProperties("mlops.control")
public class ControlConfiguration {

    private String home = ".mlops";
    private String store = "";
    private String groupsClaim = dev.mlops.roles.JwtGroups.DEFAULT_GROUPS_CLAIM;
    private int maxBodyBytes = 64 * 1024;
    private String trainingPipelineArn = "";
    private String driftCheckArn = "";

    /** Local state folder (MLOPS_HOME): tokens and, by default, the store. */
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

    /** The JWT claim holding the caller's groups (AWS only). */
    public String getGroupsClaim() {
        return groupsClaim;
    }

    public void setGroupsClaim(String groupsClaim) {
        this.groupsClaim = groupsClaim;
    }

    /** Largest request body accepted, in bytes: the control API's documents are small. */
    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** ARN of the training-pipeline state machine (AWS only). */
    public String getTrainingPipelineArn() {
        return trainingPipelineArn;
    }

    public void setTrainingPipelineArn(String trainingPipelineArn) {
        this.trainingPipelineArn = trainingPipelineArn;
    }

    /** ARN of the drift-check state machine (AWS only; its executions are listed). */
    public String getDriftCheckArn() {
        return driftCheckArn;
    }

    public void setDriftCheckArn(String driftCheckArn) {
        this.driftCheckArn = driftCheckArn;
    }

    /** The store location with the default applied. */
    public String resolvedStore() {
        return store == null || store.isBlank() ? Path.of(home, "store").toString() : store;
    }
}
