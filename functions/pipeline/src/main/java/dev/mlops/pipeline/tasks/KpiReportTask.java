package dev.mlops.pipeline.tasks;

import dev.mlops.packaging.ModelVersions;
import dev.mlops.pipeline.Documents;
import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.TaskInput;
import dev.mlops.pipeline.capture.CaptureLog;
import dev.mlops.pipeline.kpi.KpiReport;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * KpiReport (not a workflow state; run on a schedule or by the control API): {@code {model, days?}} ->
 * {@code {reportKey, versions}}. Joins the last {@code days} (default 7) of predictions to their feedback and saves
 * the per-version, per-day report under {@code reports/kpi/{model}/{date}.json}.
 */
public final class KpiReportTask implements Task {

    private final PipelineContext context;

    public KpiReportTask(PipelineContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "kpi-report";
    }

    @Override
    public Map<String, Object> run(TaskInput input) {
        String model = ModelVersions.checkModel(input.string("model"));
        long days = input.optionalInteger("days").orElse(7L);
        if (days < 1 || days > 366) {
            throw new dev.mlops.InvalidInputException("kpi-report: 'days' must be 1..366, got " + days);
        }
        Instant to = context.clock().instant();
        KpiReport.Report report = KpiReport.of(new CaptureLog(context.store()), model, to.minus(Duration.ofDays(days)), to,
                version -> context.policies().config(model, version, null));
        String key = Documents.save(context.store(), "reports/kpi/" + model + "/" + to.toString().substring(0, 10) + ".json", report);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reportKey", key);
        // Plain maps, not records: the Lambda runtime serialises results with its own mapper, which sees no record getters.
        out.put("versions", report.byVersion().stream().map(row -> dev.mlops.Json.mapper().convertValue(row, Map.class)).toList());
        return out;
    }
}
