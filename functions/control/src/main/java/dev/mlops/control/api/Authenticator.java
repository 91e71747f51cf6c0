package dev.mlops.control.api;

import dev.mlops.roles.Identity;
import io.micronaut.http.HttpRequest;

import java.util.Optional;

/** Who is calling: bearer tokens locally, the API Gateway JWT authorizer's claims in AWS. */
public interface Authenticator {

    /** The caller's identity, or empty when the request is not authenticated. */
    Optional<Identity> authenticate(HttpRequest<?> request);
}
