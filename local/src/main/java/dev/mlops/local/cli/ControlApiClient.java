package dev.mlops.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.InvalidInputException;
import dev.mlops.Json;
import dev.mlops.MlopsException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The CLI's side of the control API: one bearer token, JSON in and out, problem details turned into errors
 * that say what the server said, and a clear message when nothing listens at the endpoint.
 */
final class ControlApiClient {

    /** A successful reply. */
    record Reply(int status, JsonNode body) {
    }

    private final URI endpoint;
    private final String token;
    private final HttpClient http;

    ControlApiClient(URI endpoint, String token) {
        this.endpoint = endpoint;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).GET());
    }

    Reply post(String path, Object body) {
        return send(HttpRequest.newBuilder(resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.compact(body))));
    }

    /**
     * Sends one request.
     *
     * @throws InvalidInputException on a 400 (the request was wrong)
     * @throws ControlApiException   on any other error status, with the problem's title and detail
     * @throws MlopsException        when the endpoint cannot be reached
     */
    private Reply send(HttpRequest.Builder request) {
        request.header("Authorization", "Bearer " + token).header("Accept", "application/json").timeout(Duration.ofSeconds(30));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new MlopsException("nothing listens at " + endpoint + ": start the local runtime (./mlops up), or point at "
                    + "a control API with --endpoint URL or MLOPS_ENDPOINT");
        } catch (HttpTimeoutException e) {
            throw new MlopsException(endpoint + " did not answer within 30 s");
        } catch (IOException e) {
            throw new MlopsException("cannot talk to the control API at " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlopsException("interrupted while waiting for " + endpoint, e);
        }
        JsonNode body = parse(response);
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return new Reply(response.statusCode(), body);
        }
        String message = describe(response.statusCode(), body, response.body());
        if (response.statusCode() == 400) {
            throw new InvalidInputException(message);
        }
        throw new ControlApiException(response.statusCode(), message);
    }

    private URI resolve(String path) {
        String base = endpoint.toString().replaceAll("/+$", "");
        return URI.create(base + path);
    }

    private JsonNode parse(HttpResponse<String> response) {
        String text = response.body();
        if (text == null || text.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            if (response.statusCode() >= 200 && response.statusCode() < 300) {
                throw new MlopsException(endpoint + " answered " + response.statusCode() + " with a body that is not JSON;"
                        + " is it the control API?");
            }
            return Json.mapper().createObjectNode();
        }
    }

    private String describe(int status, JsonNode problem, String raw) {
        String title = problem.path("title").asText("");
        String detail = problem.path("detail").asText("");
        if (title.isEmpty() && detail.isEmpty()) {
            // Not a problem document: probably not the control API (./mlops serve runs only the inference API).
            return "HTTP " + status + " from " + endpoint + (raw == null || raw.isBlank() ? "" : ": " + abbreviate(raw))
                    + (status == 404 ? " (is the control API running there? ./mlops serve runs only the inference API)" : "");
        }
        String hint = status == 401 ? " (check --token, or the tokens file of this MLOPS_HOME)" : "";
        return "HTTP " + status + " " + title + (detail.isEmpty() ? "" : ": " + detail) + hint;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** An error status from the control API; {@link #status()} tells which. */
    static final class ControlApiException extends MlopsException {

        private final int status;

        ControlApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
