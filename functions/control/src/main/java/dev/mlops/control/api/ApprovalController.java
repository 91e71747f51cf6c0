package dev.mlops.control.api;

import dev.mlops.InvalidDocumentException;
import dev.mlops.Json;
import dev.mlops.approval.Approval;
import dev.mlops.approval.ApprovalStore;
import dev.mlops.approval.Outcome;
import dev.mlops.control.Access;
import dev.mlops.control.ApprovalDecisions;
import dev.mlops.control.ControlPlane;
import dev.mlops.control.NotFoundException;
import dev.mlops.roles.Identity;
import dev.mlops.store.ArtifactStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Approvals: the pending list and one request with its evidence (never the task token), and the single-use
 * decisions. Approver role only; the initiator of a training may not decide on it.
 */
@Controller("/v1/approvals")
@ExecuteOn(TaskExecutors.IO)
public class ApprovalController extends ControlEndpoint {

    /** The body of approve and reject. */
    record DecisionRequest(String comment) {
    }

    private final ApprovalStore approvals;
    private final ApprovalDecisions decisions;
    private final ArtifactStore store;
    private final ControlConfiguration config;

    public ApprovalController(ControlPlane plane, ControlConfiguration config) {
        this.approvals = plane.approvals();
        this.decisions = plane.decisions();
        this.store = plane.store();
        this.config = config;
    }

    /** Pending requests, oldest first; {@code ?all=true} lists every request, newest first. */
    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> list(HttpRequest<?> request, @Nullable @QueryValue(defaultValue = "false") Boolean all) {
        Access.require(AuthenticationFilter.caller(request), Access.APPROVERS, "read approvals");
        List<Approval> found = Boolean.TRUE.equals(all) ? approvals.all() : approvals.pending();
        return HttpResponse.ok(Json.compact(Map.of("approvals", found.stream().map(Approval::redacted).toList())));
    }

    /** One request with its evaluation evidence inlined, so the approver decides with it in front of them. */
    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> show(HttpRequest<?> request, String id) {
        Access.require(AuthenticationFilter.caller(request), Access.APPROVERS, "read approvals");
        Approval approval = approvals.find(id).orElseThrow(() -> new NotFoundException("no approval request '" + id + "'"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("approval", approval.redacted());
        body.put("evidence", evidence(approval));
        return HttpResponse.ok(Json.compact(body));
    }

    @Post(uri = "/{id}/approve", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> approve(HttpRequest<?> request, String id, @Nullable @Body byte[] body) {
        return decide(request, id, Outcome.APPROVE, body);
    }

    @Post(uri = "/{id}/reject", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> reject(HttpRequest<?> request, String id, @Nullable @Body byte[] body) {
        return decide(request, id, Outcome.REJECT, body);
    }

    private HttpResponse<String> decide(HttpRequest<?> request, String id, Outcome outcome, byte[] body) {
        Identity approver = Access.require(AuthenticationFilter.caller(request), Access.APPROVERS, outcome.name().toLowerCase() + " models");
        DecisionRequest decision = Bodies.read(body, DecisionRequest.class, config.getMaxBodyBytes());
        ApprovalDecisions.Result result = decisions.decide(id, outcome, approver, decision.comment());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("approval", result.approval());
        reply.put("repeated", result.repeated());
        reply.put("resumed", result.resumed());
        return HttpResponse.ok(Json.compact(reply));
    }

    /** The evidence document, or a note when it is missing (the approver should then not approve). */
    private Object evidence(Approval approval) {
        if (approval.evidenceKey() == null) {
            return null;
        }
        return store.get(approval.evidenceKey()).<Object>map(o -> {
            try {
                return Json.tree(o.bytes(), o.key());
            } catch (InvalidDocumentException e) {
                // The request is fine; the document is not: show why instead of failing the whole read.
                return Map.of("unreadable", e.getMessage());
            }
        }).orElse(Map.of("missing", "no evidence document at " + approval.evidenceKey()));
    }
}
