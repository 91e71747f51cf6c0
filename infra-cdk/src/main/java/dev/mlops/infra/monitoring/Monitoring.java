package dev.mlops.infra.monitoring;

import dev.mlops.infra.config.ModelSpec;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What watches the loop: a drift-check schedule per model, a daily KPI report schedule per model (the KpiReport
 * function, when the pipeline jar has it), alarms to the notification topic, one dashboard.
 *
 * <p>Serving alarms use the inference function's EMF metrics ({@value #SERVING_NAMESPACE}, dimensions Model and
 * Variant): variants exist at synth time, versions do not, so each model gets its p99 latency and error-rate alarms
 * for the champion and for the challenger.
 */
public final class Monitoring extends Construct {

    /** Namespace of the inference function's metrics (dev.mlops.inference.ServingMetrics). */
    public static final String SERVING_NAMESPACE = "Mlops/Inference";
    /**
     * Namespace of the drift check's EMF metrics (dev.mlops.pipeline.drift.DriftMetrics): per model {@code Drift}
     * (1 when the verdict is DRIFT, after the model's thresholds and persistence), {@code DriftedFeatures} and
     * {@code Rows}; per model and feature {@code PSI} and {@code KS}.
     */
    public static final String DRIFT_NAMESPACE = "Mlops/Drift";
    /** The routing variants, the values of the Variant dimension. */
    public static final List<String> VARIANTS = List.of("champion", "challenger");
    /** p99 latency above which a variant alarms, in milliseconds. */
    public static final double P99_LATENCY_MS = 1000;
    /** Error rate above which a variant, or the API's 5xx rate, alarms, in percent. */
    public static final double ERROR_RATE_PERCENT = 5;

    /** When each model's KPI report is written (feedback joined to predictions; the control API serves the newest). */
    public static final String KPI_SCHEDULE = "rate(1 day)";

    private final List<Alarm> alarms = new ArrayList<>();

    /**
     * Schedules, alarms and dashboard.
     *
     * @param driftCheckArn the drift-check state machine's ARN
     * @param stateMachines every state machine, for failed-execution alarms
     * @param kpiReport     the KpiReport function's alias the daily KPI schedules invoke; null: no KPI schedules
     */
    public Monitoring(Construct scope, String id, List<ModelSpec> models, Notifications notifications, HttpApi api,
                      String driftCheckArn, Map<String, StateMachine> stateMachines, IFunction kpiReport) {
        super(scope, id);
        Role schedulerRole = Role.Builder.create(this, "SchedulerRole")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com"))
                .description("EventBridge Scheduler starts the drift-check state machine and invokes the KPI report")
                .build();
        schedulerRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("states:StartExecution")).resources(List.of(driftCheckArn)).build());
        if (kpiReport != null) {
            kpiReport.grantInvoke(schedulerRole);
        }
        for (ModelSpec model : models) {
            CfnSchedule.Builder.create(this, "DriftSchedule-" + model.name())
                    .description("Drift check of " + model.name() + " (drift.schedule of its model.json)")
                    .scheduleExpression(model.driftSchedule())
                    .scheduleExpressionTimezone("UTC")
                    .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                    .target(CfnSchedule.TargetProperty.builder()
                            .arn(driftCheckArn)
                            .roleArn(schedulerRole.getRoleArn())
                            .input("{\"model\":\"" + model.name() + "\"}")
                            .retryPolicy(CfnSchedule.RetryPolicyProperty.builder().maximumRetryAttempts(3).build())
                            .build())
                    .build();
            if (kpiReport != null) {
                CfnSchedule.Builder.create(this, "KpiSchedule-" + model.name())
                        .description("Daily KPI report of " + model.name() + " (reports/kpi/" + model.name() + "/)")
                        .scheduleExpression(KPI_SCHEDULE)
                        .scheduleExpressionTimezone("UTC")
                        .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                        .target(CfnSchedule.TargetProperty.builder()
                                .arn(kpiReport.getFunctionArn())
                                .roleArn(schedulerRole.getRoleArn())
                                .input("{\"model\":\"" + model.name() + "\"}")
                                .retryPolicy(CfnSchedule.RetryPolicyProperty.builder().maximumRetryAttempts(3).build())
                                .build())
                        .build();
            }
        }

        List<IWidget> widgets = new ArrayList<>();
        if (api != null) { // null with edition=community: no HTTP API
            IMetric api5xx = new MathExpression(software.amazon.awscdk.services.cloudwatch.MathExpressionProps.builder()
                    .expression("100 * IF(requests > 0, errors / requests, 0)")
                    .usingMetrics(Map.of(
                            "errors", api.metricServerError(sum(Duration.minutes(5))),
                            "requests", api.metricCount(sum(Duration.minutes(5)))))
                    .label("API 5xx %").period(Duration.minutes(5)).build());
            alarm("Api5xxRate", api5xx, ERROR_RATE_PERCENT, 3, "HTTP API 5xx rate above " + ERROR_RATE_PERCENT + "%",
                    notifications);
            widgets.add(GraphWidget.Builder.create().title("API 5xx %").left(List.of(api5xx)).width(12).build());
        }

        for (ModelSpec model : models) {
            List<IMetric> latency = new ArrayList<>();
            List<IMetric> errorRates = new ArrayList<>();
            for (String variant : VARIANTS) {
                Map<String, String> dims = Map.of("Model", model.name(), "Variant", variant);
                Metric p99 = Metric.Builder.create().namespace(SERVING_NAMESPACE).metricName("Latency")
                        .dimensionsMap(dims).statistic("p99").period(Duration.minutes(5)).build();
                IMetric errorRate = new MathExpression(software.amazon.awscdk.services.cloudwatch.MathExpressionProps.builder()
                        .expression("100 * IF(requests_" + variant + " > 0, errors_" + variant + " / requests_" + variant + ", 0)")
                        .usingMetrics(Map.of(
                                "errors_" + variant, servingSum("Errors", dims),
                                "requests_" + variant, servingSum("Requests", dims)))
                        .label(variant + " error %").period(Duration.minutes(5)).build());
                String suffix = model.name() + "-" + variant;
                alarm("P99Latency-" + suffix, p99, P99_LATENCY_MS, 3,
                        model.name() + " " + variant + ": p99 latency above " + P99_LATENCY_MS + " ms", notifications);
                alarm("ErrorRate-" + suffix, errorRate, ERROR_RATE_PERCENT, 3,
                        model.name() + " " + variant + ": error rate above " + ERROR_RATE_PERCENT + "%", notifications);
                // a label turns an alarm's metric into a math expression: labels only on the dashboard
                latency.add(p99.with(MetricOptions.builder().label(variant + " p99 ms").build()));
                errorRates.add(errorRate);
            }
            Metric drift = Metric.Builder.create().namespace(DRIFT_NAMESPACE).metricName("Drift")
                    .dimensionsMap(Map.of("Model", model.name())).statistic("Maximum").period(Duration.hours(1)).build();
            Metric drifted = Metric.Builder.create().namespace(DRIFT_NAMESPACE).metricName("DriftedFeatures")
                    .dimensionsMap(Map.of("Model", model.name())).statistic("Maximum").period(Duration.hours(1)).build();
            // the drift check already applied drift.psiThreshold, ksThreshold, minRows and persistence
            alarm("Drift-" + model.name(), drift, 0, 1,
                    model.name() + ": the drift check's verdict is DRIFT (thresholds of its model.json)", notifications);
            widgets.add(GraphWidget.Builder.create().title(model.name() + " p99 latency (ms)").left(latency).width(12).build());
            widgets.add(GraphWidget.Builder.create().title(model.name() + " error %").left(errorRates).width(12).build());
            widgets.add(GraphWidget.Builder.create().title(model.name() + " drift").left(List.of(drift))
                    .right(List.of(drifted)).width(12).build());
        }

        List<IMetric> failures = new ArrayList<>();
        stateMachines.forEach((name, machine) -> {
            Metric failed = machine.metricFailed(sum(Duration.minutes(5)));
            alarm("Failed-" + name, failed, 0, 1, "state machine " + name + ": an execution failed", notifications);
            failures.add(failed);
        });
        widgets.add(GraphWidget.Builder.create().title("Failed executions").left(failures).width(12).build());

        Dashboard.Builder.create(this, "Dashboard")
                .widgets(widgets.stream().map(List::of).toList())
                .build();
    }

    private void alarm(String id, IMetric metric, double threshold, int periods, String description,
                       Notifications notifications) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(periods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmDescription(description)
                .build();
        alarm.addAlarmAction(notifications.alarmAction());
        alarms.add(alarm);
    }

    private static Metric servingSum(String name, Map<String, String> dims) {
        return Metric.Builder.create().namespace(SERVING_NAMESPACE).metricName(name).dimensionsMap(dims)
                .statistic("Sum").period(Duration.minutes(5)).build();
    }

    private static MetricOptions sum(Duration period) {
        return MetricOptions.builder().statistic("Sum").period(period).build();
    }

    /** The alarms. */
    public List<Alarm> getAlarms() {
        return List.copyOf(alarms);
    }
}
