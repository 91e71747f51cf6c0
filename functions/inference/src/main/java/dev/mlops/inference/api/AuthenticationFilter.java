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
 * the controllers and the capture.
 */
@ServerFilter({"/v1/**", "/v2/models/**"})
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
