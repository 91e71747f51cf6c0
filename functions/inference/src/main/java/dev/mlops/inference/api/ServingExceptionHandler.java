package dev.mlops.inference.api;

import dev.mlops.MlopsException;
import dev.mlops.inference.InvalidRequestException;
import dev.mlops.inference.ModelNotFoundException;
import dev.mlops.inference.NoLiveVersionException;
import dev.mlops.inference.PayloadTooLargeException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one mapping from domain failures to HTTP statuses; bodies shaped by {@link Problems}. */
@Produces
@Singleton
@Requires(classes = {MlopsException.class, ExceptionHandler.class})
public class ServingExceptionHandler implements ExceptionHandler<MlopsException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(ServingExceptionHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, MlopsException e) {
        if (e instanceof InvalidRequestException invalid) {
            return Problems.response(request, HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage(), invalid.errors());
        }
        if (e instanceof PayloadTooLargeException) {
            return Problems.response(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", "Payload too large", e.getMessage(), null);
        }
        if (e instanceof ModelNotFoundException) {
            return Problems.response(request, HttpStatus.NOT_FOUND, "unknown-model", "Unknown model", e.getMessage(), null);
        }
        if (e instanceof NoLiveVersionException) {
            return Problems.response(request, HttpStatus.SERVICE_UNAVAILABLE, "no-live-version", "No live version", e.getMessage(), null);
        }
        LOG.error("request {} {} failed", request.getMethod(), request.getPath(), e);
        return Problems.response(request, HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the request failed on the server; see the function's log", null);
    }
}
