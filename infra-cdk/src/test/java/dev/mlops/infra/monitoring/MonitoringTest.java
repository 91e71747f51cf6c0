package dev.mlops.infra.monitoring;

import dev.mlops.infra.TestStacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

class MonitoringTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestStacks.main().template();
    }

    @Test
    void schedules_perModel_startDriftCheckOnTheModelsSchedule() {
        template.resourceCountIs("AWS::Scheduler::Schedule", 4); // drift-check and KPI report, per model
        for (Map.Entry<String, String> model : Map.of("credit-risk", "rate(1 day)", "vision-gpu", "cron(0 6 * * ? *)").entrySet()) {
            template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                    "ScheduleExpression", model.getValue(),
                    "Target", Match.objectLike(Map.of(
                            "Arn", Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of(
                                    Match.stringLikeRegexp(".*:stateMachine:Mlops-drift-check")))))),
                            "Input", Match.stringLikeRegexp(".*\"model\":\"" + model.getKey() + "\".*")))));
        }
    }

    @Test
    void kpiSchedules_perModel_invokeTheKpiReportAliasDaily_schedulerRoleMayInvoke() {
        for (String model : List.of("credit-risk", "vision-gpu")) {
            template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                    "ScheduleExpression", Monitoring.KPI_SCHEDULE,
                    "Target", Match.objectLike(Map.of(
                            "Arn", Map.of("Ref", Match.stringLikeRegexp(".*KpiReportAlias.*")),
                            "Input", "{\"model\":\"" + model + "\"}"))));
        }
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("MonitoringSchedulerRole.*"))),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "lambda:InvokeFunction",
                        "Resource", Map.of("Ref", Match.stringLikeRegexp(".*KpiReportAlias.*"))))))))));
    }

    @Test
    void latencyAlarms_everyModelAndVariant_p99InTheServingNamespace() {
        for (String model : List.of("credit-risk", "vision-gpu")) {
            for (String variant : Monitoring.VARIANTS) {
                template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                        "Namespace", "Mlops/Inference",
                        "MetricName", "Latency",
                        "ExtendedStatistic", "p99",
                        "Dimensions", Match.arrayWith(List.of(
                                Map.of("Name", "Model", "Value", model), Map.of("Name", "Variant", "Value", variant))),
                        "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("NotificationsTopic.*")))));
            }
        }
    }

    @Test
    void errorRateAlarms_everyModelAndVariant_errorsOverRequests() {
        for (String variant : Monitoring.VARIANTS) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Threshold", Monitoring.ERROR_RATE_PERCENT,
                    "Metrics", Match.arrayWith(List.of(Match.objectLike(Map.of("MetricStat", Match.objectLike(Map.of(
                            "Metric", Map.of("Namespace", "Mlops/Inference", "MetricName", "Errors",
                                    "Dimensions", Match.arrayWith(List.of(Map.of("Name", "Variant", "Value", variant))))))))))));
        }
    }

    @Test
    void api5xxAlarm_rateOfTheHttpApi() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Metrics", Match.arrayWith(List.of(Match.objectLike(Map.of("MetricStat", Match.objectLike(Map.of(
                        "Metric", Match.objectLike(Map.of("Namespace", "AWS/ApiGateway", "MetricName", "5xx"))))))))));
    }

    @Test
    void driftAlarms_perModel_onTheDriftChecksVerdictMetric() {
        for (String model : List.of("credit-risk", "vision-gpu")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "Mlops/Drift",
                    "MetricName", "Drift", "Statistic", "Maximum", "Threshold", 0,
                    "ComparisonOperator", "GreaterThanThreshold",
                    "Dimensions", List.of(Map.of("Name", "Model", "Value", model))));
        }
    }

    @Test
    void failedExecutionAlarms_oneperStateMachine() {
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/States", "MetricName", "ExecutionsFailed"), 4);
    }

    @Test
    void dashboard_one() {
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    }

    @Test
    void topic_encryptedAndTlsOnly() {
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }
}
