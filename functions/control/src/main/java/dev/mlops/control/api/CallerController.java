package dev.mlops.control.api;

import dev.mlops.Json;
import dev.mlops.roles.Identity;
import dev.mlops.roles.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.Map;

/**
 * {@code GET /v1/me}: who the token belongs to and its roles, for any authenticated caller. The console shows it
 * after sign-in, so a person sees at once which pages their roles open.
 */
@Controller
public class CallerController extends ControlEndpoint {

    @Get(uri = "/v1/me", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> me(HttpRequest<?> request) {
        Identity caller = AuthenticationFilter.caller(request);
        return HttpResponse.ok(Json.compact(Map.of("name", caller.name(),
                "roles", caller.roles().stream().map(Role::label).sorted().toList())));
    }
}
