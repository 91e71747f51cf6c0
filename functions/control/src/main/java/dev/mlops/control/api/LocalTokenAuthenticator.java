package dev.mlops.control.api;

import dev.mlops.roles.Identity;
import dev.mlops.roles.LocalTokens;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

import java.util.Optional;

/** Bearer tokens from {@code $MLOPS_HOME/tokens.json}: the embedded runtime's stand-in for the JWT authorizer. */
public final class LocalTokenAuthenticator implements Authenticator {

    private final LocalTokens tokens;

    public LocalTokenAuthenticator(LocalTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Optional<Identity> authenticate(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return tokens.identify(header.substring(7).trim());
    }
}
