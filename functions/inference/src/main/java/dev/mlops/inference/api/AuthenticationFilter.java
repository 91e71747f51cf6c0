package dev.mlops.inference.api;

import dev.mlops.roles.Identity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Optional;

/**
 * Every call but the health checks needs an authenticated caller; the identity is kept on the request for
 * the controllers and the capture. The patterns name this function's own routes only, so that in the local
 * runtime, where the control API shares the server, the control API's open {@code GET /v1/health} stays open and
 * its other routes answer with its own filter's problems.
 */
@ServerFilter({"/v1/models/*/predict", "/v1/feedback", "/v2/models/**"})
public class AuthenticationFilter {

    /** Request attribute holding the caller's {@link dev.mlops.roles.Identity}. */
    public static final String IDENTITY = "mlops.identity";

    private final Authenticator authenticator;

    public AuthenticationFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<?> authenticate(HttpRequest<?> request) {
        Optional<Identity> identity = authenticator.authenticate(request);
        if (identity.isPresent()) {
            request.setAttribute(IDENTITY, identity.get());
            return null;
        }
        return Problems.response(request, HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                "a valid bearer token is required", null).header("WWW-Authenticate", "Bearer");
    }
}
