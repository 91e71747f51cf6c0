package dev.mlops.control.api;

import dev.mlops.MlopsException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Error;

/**
 * Base of the control API's controllers: their failures become problem details through {@link ProblemMapping},
 * with handlers local to these controllers (see there why not global).
 */
abstract class ControlEndpoint {

    @Error(exception = MlopsException.class)
    HttpResponse<?> failed(HttpRequest<?> request, MlopsException e) {
        return ProblemMapping.failed(request, e);
    }

    /** The domain's value checks throw this naming the value and the rule; here those values come from the request. */
    @Error(exception = IllegalArgumentException.class)
    HttpResponse<?> invalid(HttpRequest<?> request, IllegalArgumentException e) {
        return ProblemMapping.invalid(request, e);
    }
}
