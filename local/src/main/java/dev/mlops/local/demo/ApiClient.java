package dev.mlops.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The demo's HTTP calls to the runtime's APIs: real requests over a socket, JSON in and out, a bearer token each. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    ApiClient(URI base) {
        this.base = base;
    }

    /** An answer: status and JSON body (an empty object when there was none). */
    record Reply(int status, JsonNode body) {
    }

    Reply send(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), json);
        } catch (IOException e) {
            throw new DemoFailure(method + " " + path + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure(method + " " + path + " interrupted");
        }
    }

    /** The body of a call that must answer {@code expected}. */
    JsonNode expect(int expected, String method, String path, String token, Object body) {
        Reply reply = send(method, path, token, body);
        if (reply.status() != expected) {
            throw new DemoFailure(method + " " + path + " answered " + reply.status() + ", expected " + expected + ": "
                    + reply.body().path("title").asText("") + " " + reply.body().path("detail").asText(reply.body().toString()));
        }
        return reply.body();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
