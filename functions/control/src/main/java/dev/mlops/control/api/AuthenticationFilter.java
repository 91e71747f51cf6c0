package dev.mlops.control.api;

import dev.mlops.roles.Identity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Optional;

/**
 * Every call but the health check needs an authenticated caller (401 otherwise); the identity is kept on the
 * request for the controllers, which check roles (403) before they read a body.
 */
@ServerFilter("/v1/**")
public class AuthenticationFilter {

    /** Request attribute holding the caller's {@link Identity}. */
    public static final String IDENTITY = "mlops.identity";

    private final Authenticator authenticator;

    public AuthenticationFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<?> authenticate(HttpRequest<?> request) {
        if (request.getPath().equals(HealthController.PATH)) {
            return null;
        }
        Optional<Identity> identity = authenticator.authenticate(request);
        if (identity.isPresent()) {
            request.setAttribute(IDENTITY, identity.get());
            return null;
        }
        return Problems.response(request, HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                "a valid bearer token is required").header("WWW-Authenticate", "Bearer");
    }

    /** The identity the filter found; every route but the health check runs behind it. */
    static Identity caller(HttpRequest<?> request) {
        return request.getAttribute(IDENTITY, Identity.class)
                .orElseThrow(() -> new IllegalStateException("no identity on " + request.getPath() + ": the filter did not run"));
    }
}
