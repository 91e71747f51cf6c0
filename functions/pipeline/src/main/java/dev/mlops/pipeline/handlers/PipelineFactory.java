package dev.mlops.pipeline.handlers;

import dev.mlops.pipeline.notification.ConsoleLinks;
import dev.mlops.pipeline.notification.FileNotifier;
import dev.mlops.pipeline.notification.Notifier;
import dev.mlops.pipeline.notification.SnsNotifier;
import dev.mlops.pipeline.tasks.DeployCanaryTask;
import dev.mlops.pipeline.tasks.AnalyzeCanaryTask;
import dev.mlops.pipeline.tasks.PromoteTask;
import dev.mlops.pipeline.tasks.RollbackTask;
import dev.mlops.pipeline.tasks.PlanBatchTask;
import dev.mlops.pipeline.tasks.ScoreBatchTask;
import dev.mlops.pipeline.tasks.KpiReportTask;
import dev.mlops.pipeline.tasks.EvaluateTask;
import dev.mlops.pipeline.tasks.DriftCheckTask;
import dev.mlops.pipeline.drift.MetricLines;
import dev.mlops.pipeline.drift.StdoutMetricLines;
import dev.mlops.pipeline.drift.StoreMetricLines;
import dev.mlops.pipeline.tasks.ExpireApprovalTask;
import dev.mlops.pipeline.tasks.PipelineContext;
import dev.mlops.pipeline.tasks.RecordFailureTask;
import dev.mlops.pipeline.tasks.RegisterTask;
import dev.mlops.pipeline.tasks.RequestApprovalTask;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.ArtifactStores;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

/**
 * Wires the plain-Java tasks into Micronaut: the only class of this module that knows both.
 *
 * <p>Off when {@value #ENABLED} is {@code false}: the local runtime builds the tasks itself over its own store and
 * runs the inference and control functions in one application context, where this factory's unqualified
 * {@link ArtifactStore} and {@link Clock} would make the inference function's injection ambiguous.
 */
@Factory
@Requires(property = PipelineFactory.ENABLED, notEquals = "false")
public class PipelineFactory {

    /** The property that turns this factory off in a shared application context. */
    public static final String ENABLED = "mlops.pipeline.factory.enabled";

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    ArtifactStore store(PipelineConfiguration config) {
        return ArtifactStores.open(config.resolvedStore());
    }

    @Singleton
    @Requires(env = "lambda")
    Notifier snsNotifier(PipelineConfiguration config) {
        if (config.getNotificationTopic() == null || config.getNotificationTopic().isBlank()) {
            // Functions that never notify (DriftCheck, ScoreBatch) need no topic; the others fail when they try.
            return notification -> {
                throw new IllegalStateException("MLOPS_NOTIFICATION_TOPIC is not set: cannot send '" + notification.subject() + "'");
            };
        }
        return new SnsNotifier(SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), config.getNotificationTopic());
    }

    @Singleton
    @Requires(notEnv = "lambda")
    Notifier fileNotifier(PipelineConfiguration config, Clock clock) {
        return new FileNotifier(Path.of(config.getHome(), "notifications.jsonl"), clock);
    }

    @Singleton
    PipelineContext context(ArtifactStore store, Notifier notifier, PipelineConfiguration config, Clock clock,
                            io.micronaut.context.env.Environment environment) {
        String template = config.getExecutionUrlTemplate();
        if ((template == null || template.isBlank()) && !environment.getActiveNames().contains("lambda")) {
            // Local executions are not in the Step Functions console: the local console shows them.
            template = config.getConsoleUrl().replaceAll("/+$", "") + "/executions/{arn}";
        }
        ConsoleLinks links = new ConsoleLinks(config.getConsoleUrl(), template);
        return PipelineContext.of(store, notifier, links, clock, () -> UUID.randomUUID().toString().substring(0, 8));
    }

    @Singleton
    RegisterTask register(PipelineContext context) {
        return new RegisterTask(context);
    }

    @Singleton
    EvaluateTask evaluate(PipelineContext context) {
        return new EvaluateTask(context);
    }

    @Singleton
    RequestApprovalTask requestApproval(PipelineContext context) {
        return new RequestApprovalTask(context);
    }

    @Singleton
    ExpireApprovalTask expireApproval(PipelineContext context) {
        return new ExpireApprovalTask(context);
    }

    @Singleton
    RecordFailureTask recordFailure(PipelineContext context) {
        return new RecordFailureTask(context);
    }

    @Singleton
    DeployCanaryTask deployCanary(PipelineContext context) {
        return new DeployCanaryTask(context);
    }

    @Singleton
    AnalyzeCanaryTask analyzeCanary(PipelineContext context) {
        return new AnalyzeCanaryTask(context);
    }

    @Singleton
    PromoteTask promote(PipelineContext context) {
        return new PromoteTask(context);
    }

    @Singleton
    RollbackTask rollback(PipelineContext context) {
        return new RollbackTask(context);
    }

    @Singleton
    @Requires(env = "lambda")
    MetricLines stdoutMetrics() {
        return new StdoutMetricLines(System.out);
    }

    @Singleton
    @Requires(notEnv = "lambda")
    MetricLines storeMetrics(ArtifactStore store) {
        return new StoreMetricLines(store);
    }

    @Singleton
    DriftCheckTask driftCheck(PipelineContext context, MetricLines metrics) {
        return new DriftCheckTask(context, metrics);
    }

    @Singleton
    PlanBatchTask planBatch(PipelineContext context) {
        return new PlanBatchTask(context);
    }

    @Singleton
    ScoreBatchTask scoreBatch(PipelineContext context) {
        return new ScoreBatchTask(context);
    }

    @Singleton
    KpiReportTask kpiReport(PipelineContext context) {
        return new KpiReportTask(context);
    }
}
