package dev.mlops.control;

import dev.mlops.approval.ApprovalStore;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.store.ArtifactStore;

/**
 * Everything the control API works with, as one value. One bean rather than one per part, so that the control
 * API can share an application context with other functions (the local runtime serves inference and control
 * from one JVM) without two beans of type {@code ArtifactStore} or {@code Clock} making injection ambiguous.
 */
public record ControlPlane(ArtifactStore store, ModelRegistry registry, ApprovalStore approvals, ApprovalDecisions decisions,
                           Trainings trainings, KpiReports kpis) {
}
