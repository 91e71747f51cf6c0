package dev.mlops.pipeline.tasks;

import dev.mlops.approval.ApprovalStore;
import dev.mlops.packaging.ModelPackages;
import dev.mlops.pipeline.PolicySource;
import dev.mlops.pipeline.notification.ConsoleLinks;
import dev.mlops.pipeline.notification.Notifier;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.store.ArtifactStore;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * What every task works with. One instance per function (Micronaut builds it; tests build it over a temporary
 * store), so a task's dependencies are explicit and swappable.
 */
public record PipelineContext(ArtifactStore store, ModelRegistry registry, ApprovalStore approvals, Notifier notifier,
                              ConsoleLinks links, Clock clock) {

    /** The identity pipeline tasks act as in the registry and the audit trail. */
    public static final String ACTOR = "system:pipeline";

    /** A context over {@code store} with its own registry and approval store. */
    public static PipelineContext of(ArtifactStore store, Notifier notifier, ConsoleLinks links, Clock clock, Supplier<String> ids) {
        return new PipelineContext(store, new ModelRegistry(store, clock, ids), new ApprovalStore(store, clock), notifier,
                links, clock);
    }

    public ModelPackages packages() {
        return new ModelPackages(store);
    }

    public PolicySource policies() {
        return new PolicySource(store);
    }
}
