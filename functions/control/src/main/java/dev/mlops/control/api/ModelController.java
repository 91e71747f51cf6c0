package dev.mlops.control.api;

import dev.mlops.InvalidInputException;
import dev.mlops.Json;
import dev.mlops.control.Access;
import dev.mlops.control.ControlPlane;
import dev.mlops.control.DriftReports;
import dev.mlops.control.KpiReports;
import dev.mlops.control.NotFoundException;
import dev.mlops.packaging.ModelPackages;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.registry.AuditEvent;
import dev.mlops.registry.Deployment;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.registry.VersionNotFoundException;
import dev.mlops.registry.VersionRecord;
import dev.mlops.roles.Identity;
import dev.mlops.store.ArtifactStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Models, versions, audit, drift and KPI reads (analyst and above) and the deployment override (operator). */
@Controller("/v1/models")
@ExecuteOn(TaskExecutors.IO)
public class ModelController extends ControlEndpoint {

    private static final int MAX_AUDIT = 1000;
    private static final int MAX_DRIFT_REPORTS = 100;

    private final ModelRegistry registry;
    private final ArtifactStore store;
    private final KpiReports kpis;
    private final DriftReports drift;
    private final ControlConfiguration config;

    public ModelController(ControlPlane plane, ControlConfiguration config) {
        this.registry = plane.registry();
        this.store = plane.store();
        this.kpis = plane.kpis();
        this.drift = new DriftReports(plane.store());
        this.config = config;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> models(HttpRequest<?> request) {
        read(request, "read models");
        List<Map<String, Object>> models = new ArrayList<>();
        for (String model : registry.models()) {
            List<VersionRecord> versions = registry.versions(model);
            VersionRecord latest = versions.get(versions.size() - 1);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", model);
            entry.put("versions", versions.size());
            entry.put("latest", Map.of("version", latest.version(), "status", latest.status()));
            entry.put("deployment", registry.deployment(model));
            models.add(entry);
        }
        return HttpResponse.ok(Json.compact(Map.of("models", models)));
    }

    @Get(uri = "/{model}/versions", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> versions(HttpRequest<?> request, String model) {
        read(request, "read models");
        return HttpResponse.ok(Json.compact(Map.of("model", model, "versions", requireModel(model))));
    }

    /** The registry record and, when the package is there, its manifest (metrics, lineage, contract). */
    @Get(uri = "/{model}/versions/{version}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> version(HttpRequest<?> request, String model, String version) {
        read(request, "read models");
        VersionRecord record = registry.requireVersion(model, version);
        ModelPackages packages = new ModelPackages(store);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", record);
        body.put("package", packages.exists(model, version) ? packages.readManifest(model, version) : null);
        return HttpResponse.ok(Json.compact(body));
    }

    /** The newest {@code limit} audit events (default 100), oldest first. */
    @Get(uri = "/{model}/audit", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> audit(HttpRequest<?> request, String model, @Nullable @QueryValue Integer limit) {
        read(request, "read the audit trail");
        int max = limit == null ? 100 : limit;
        if (max < 1 || max > MAX_AUDIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_AUDIT + ", got " + max);
        }
        requireModel(model);
        List<AuditEvent> events = registry.audit(model);
        return HttpResponse.ok(Json.compact(Map.of("model", model,
                "events", events.subList(Math.max(0, events.size() - max), events.size()))));
    }

    @Get(uri = "/{model}/deployment", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> deployment(HttpRequest<?> request, String model) {
        read(request, "read deployments");
        requireModel(model);
        return HttpResponse.ok(Json.compact(Map.of("model", model, "deployment", registry.deployment(model))));
    }

    /**
     * An operator's override: the whole new deployment, written only if the deployment is still at
     * {@code expectedRevision} (409 otherwise: re-read and decide again). Version statuses are left as they are.
     */
    @Put(uri = "/{model}/deployment", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> override(HttpRequest<?> request, String model, @Nullable @Body byte[] body) {
        Identity operator = Access.require(AuthenticationFilter.caller(request), Access.OPERATORS, "change deployments");
        requireModel(model);
        DeploymentOverride change = Bodies.read(body, DeploymentOverride.class, config.getMaxBodyBytes());
        Deployment proposed = new Deployment(change.champion(), change.challenger(), change.challengerWeight(), change.mode(), 0);
        try {
            Deployment written = registry.changeDeployment(model, change.expectedRevision(), proposed, operator.name(), change.reason());
            return HttpResponse.ok(Json.compact(Map.of("model", model, "deployment", written)));
        } catch (VersionNotFoundException e) {
            // A version named in the body, not the resource: the request is wrong, the model exists.
            throw new InvalidInputException(e.getMessage());
        }
    }

    @Get(uri = "/{model}/kpis", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> kpis(HttpRequest<?> request, String model) {
        read(request, "read KPIs");
        KpiReports.Report report = kpis.latest(model).orElseThrow(() -> new NotFoundException(
                "no KPI report for " + model + " yet (none under " + KpiReports.prefix(model) + "): KPIs need feedback"));
        return HttpResponse.ok(Json.compact(Map.of("model", model, "key", report.key(), "report", report.report())));
    }

    /**
     * The newest {@code limit} drift reports (default 10), newest first. An empty list, not a 404, when no check has
     * run yet: the console shows that as "no drift check yet", and a model without reports is normal.
     */
    @Get(uri = "/{model}/drift", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> drift(HttpRequest<?> request, String model, @Nullable @QueryValue Integer limit) {
        read(request, "read drift reports");
        int max = limit == null ? 10 : limit;
        if (max < 1 || max > MAX_DRIFT_REPORTS) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_DRIFT_REPORTS + ", got " + max);
        }
        requireModel(model);
        return HttpResponse.ok(Json.compact(Map.of("model", model, "prefix", DriftReports.prefix(model),
                "reports", drift.newest(model, max))));
    }

    private static void read(HttpRequest<?> request, String action) {
        Access.require(AuthenticationFilter.caller(request), Access.ANALYST_AND_ABOVE, action);
    }

    private List<VersionRecord> requireModel(String model) {
        List<VersionRecord> versions = registry.versions(ModelVersions.checkModel(model));
        if (versions.isEmpty()) {
            throw new NotFoundException("unknown model '" + model + "': no registered versions");
        }
        return versions;
    }
}
