package dev.mlops.control.api;

import dev.mlops.InvalidInputException;
import dev.mlops.MlopsException;
import dev.mlops.approval.ApprovalException;
import dev.mlops.control.AccessDeniedException;
import dev.mlops.control.NotFoundException;
import dev.mlops.control.PayloadTooLargeException;
import dev.mlops.control.executions.EngineUnavailableException;
import dev.mlops.control.executions.ExecutionAlreadyExistsException;
import dev.mlops.control.executions.ExecutionsException;
import dev.mlops.control.executions.UnknownStateMachineException;
import dev.mlops.registry.IllegalTransitionException;
import dev.mlops.registry.VersionConflictException;
import dev.mlops.registry.VersionNotFoundException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from failures to HTTP statuses, as RFC 9457 problem details. Applied by each controller's own
 * {@code @Error} methods (see {@link ControlEndpoint}) rather than as a global {@code ExceptionHandler}, so the
 * control API keeps its statuses when it shares an application context with another function that maps the same
 * domain exceptions its own way.
 */
final class ProblemMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapping.class);

    private ProblemMapping() {
    }

    /** A value check of the domain (a model name, a version id, a weight) on a value taken from the request. */
    static HttpResponse<?> invalid(HttpRequest<?> request, IllegalArgumentException e) {
        return Problems.response(request, HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
    }

    static HttpResponse<?> failed(HttpRequest<?> request, MlopsException e) {
        if (e instanceof ApprovalException refused) {
            return approval(request, refused);
        }
        if (e instanceof AccessDeniedException) {
            return Problems.response(request, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
        }
        if (e instanceof NotFoundException || e instanceof VersionNotFoundException) {
            return Problems.response(request, HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
        }
        if (e instanceof VersionConflictException) {
            return Problems.response(request, HttpStatus.CONFLICT, "conflict", "Changed by someone else", e.getMessage());
        }
        if (e instanceof IllegalTransitionException) {
            return Problems.response(request, HttpStatus.CONFLICT, "illegal-transition", "Status does not allow this", e.getMessage());
        }
        if (e instanceof PayloadTooLargeException) {
            return Problems.response(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", "Payload too large", e.getMessage());
        }
        if (e instanceof InvalidInputException) {
            return Problems.response(request, HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
        }
        if (e instanceof ExecutionsException) {
            return engine(request, (ExecutionsException) e);
        }
        LOG.error("request {} {} failed", request.getMethod(), request.getPath(), e);
        return Problems.response(request, HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the request failed on the server; see the function's log");
    }

    private static HttpResponse<?> approval(HttpRequest<?> request, ApprovalException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> Problems.response(request, HttpStatus.NOT_FOUND, "approval-not-found", "No such approval", e.getMessage());
            case SELF_APPROVAL -> Problems.response(request, HttpStatus.FORBIDDEN, "self-approval",
                    "Separation of duties: the initiator of a training may not decide on its approval", e.getMessage());
            // 410: the request existed but the workflow stopped waiting; no decision can ever succeed again.
            case EXPIRED -> Problems.response(request, HttpStatus.GONE, "approval-expired",
                    "Approval expired: the workflow no longer waits for a decision", e.getMessage());
            case ALREADY_DECIDED -> Problems.response(request, HttpStatus.CONFLICT, "approval-already-decided",
                    "Approval already decided the other way", e.getMessage());
            case INVALID -> Problems.response(request, HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
        };
    }

    private static HttpResponse<?> engine(HttpRequest<?> request, ExecutionsException e) {
        if (e instanceof ExecutionAlreadyExistsException) {
            return Problems.response(request, HttpStatus.CONFLICT, "execution-exists", "Execution already exists", e.getMessage());
        }
        if (e instanceof EngineUnavailableException || e instanceof UnknownStateMachineException) {
            return Problems.response(request, HttpStatus.SERVICE_UNAVAILABLE, "engine-unavailable", "Workflow engine unavailable", e.getMessage());
        }
        LOG.error("workflow engine failed on {} {}", request.getMethod(), request.getPath(), e);
        return Problems.response(request, HttpStatus.BAD_GATEWAY, "engine-error", "Workflow engine error", e.getMessage());
    }
}
