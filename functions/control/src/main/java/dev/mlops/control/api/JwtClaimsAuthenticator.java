package dev.mlops.control.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.mlops.roles.Identity;
import dev.mlops.roles.JwtGroups;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;

import java.util.Map;
import java.util.Optional;

/**
 * In AWS the HTTP API's JWT authorizer has verified the token before Lambda runs; this reads the verified claims
 * from the payload 2.0 event. A request without them did not pass an authorizer and is not authenticated.
 */
public final class JwtClaimsAuthenticator implements Authenticator {

    private final JwtGroups groups;

    public JwtClaimsAuthenticator(JwtGroups groups) {
        this.groups = groups;
    }

    @Override
    public Optional<Identity> authenticate(HttpRequest<?> request) {
        if (!(request instanceof ServletHttpRequest<?, ?> servlet) || !(servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event)) {
            return Optional.empty();
        }
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            return Optional.empty();
        }
        Map<String, String> claims = context.getAuthorizer().getJwt().getClaims();
        return claims == null ? Optional.empty() : groups.identity(claims);
    }
}
