package dev.mlops.local.cli;

import dev.mlops.InvalidInputException;
import dev.mlops.roles.LocalTokens;
import dev.mlops.roles.Role;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where the control API is and who calls it: shared by approve, reject and status. */
final class ControlOptions {

    /** The local runtime's address. */
    static final String LOCAL_ENDPOINT = "http://localhost:8080";

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Control API base URL (default: MLOPS_ENDPOINT, else " + LOCAL_ENDPOINT + ", the local runtime).")
    String endpoint;

    @Option(names = "--token", paramLabel = "T",
            description = "Bearer token (default: MLOPS_TOKEN, else the local tokens file $MLOPS_HOME/tokens.json).")
    String token;

    /** A client for the endpoint and token given, or the defaults of {@code env}; {@code role} picks the local token. */
    ControlApiClient client(Map<String, String> env, Role role) {
        return new ControlApiClient(endpoint(env), token(env, role));
    }

    private URI endpoint(Map<String, String> env) {
        String url = endpoint != null ? endpoint : env.getOrDefault("MLOPS_ENDPOINT", LOCAL_ENDPOINT);
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("endpoint '" + url + "' is not an http(s) URL such as " + LOCAL_ENDPOINT);
        }
    }

    private String token(Map<String, String> env, Role role) {
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        String fromEnv = env.get("MLOPS_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        Path file = Path.of(env.getOrDefault("MLOPS_HOME", ".mlops")).resolve("tokens.json").toAbsolutePath();
        if (!Files.exists(file)) {
            throw new InvalidInputException("no token: pass --token T (or set MLOPS_TOKEN), or start the local runtime once"
                    + " (./mlops up) so that it creates " + file);
        }
        return LocalTokens.read(file).tokenFor(role).orElseThrow(() -> new InvalidInputException(
                "no " + role.label() + " token in " + file + "; pass --token T"));
    }
}
