package dev.mlops.control.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * The domain's value checks (a model name, a version id, a deployment's weight) throw IllegalArgumentException
 * naming the value and the rule: on this API those values come from the request, so they answer 400.
 */
@Produces
@Singleton
public class IllegalArgumentHandler implements ExceptionHandler<IllegalArgumentException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, IllegalArgumentException e) {
        return Problems.response(request, HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
    }
}
