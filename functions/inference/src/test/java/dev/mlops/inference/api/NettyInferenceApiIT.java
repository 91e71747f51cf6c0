package dev.mlops.inference.api;

import dev.mlops.inference.ServingFixture;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request suite over real HTTP to the embedded Netty server. */
class NettyInferenceApiIT extends InferenceApiContract {

    @TempDir
    static Path home;

    static ServingFixture fixture;
    static EmbeddedServer server;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        fixture = ServingFixture.create(home);
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "mlops.inference.home", home.toString(),
                "mlops.inference.deployment-ttl", "0s"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    ServingFixture fixture() {
        return fixture;
    }

    @Override
    Reply send(String method, String pathAndQuery, String token, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> lower = new TreeMap<>();
            response.headers().map().forEach((k, v) -> lower.put(k.toLowerCase(), v.get(0)));
            return new Reply(response.statusCode(), lower, response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void capture_linesLandUnderTheStoresCapturePrefix() throws Exception {
        String id = post("/v1/models/credit-risk/predict", instances(record(""))).json().at("/predictions/0/predictionId").asText();
        post("/v1/feedback", "{\"model\":\"credit-risk\",\"outcomes\":[{\"predictionId\":\"" + id + "\",\"outcome\":0}]}");
        Path capture = home.resolve("store/capture/credit-risk");
        List<String> lines = waitForLines(capture, id, 2);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"type\":\"prediction\"") && l.contains("\"version\":\"v1\"")
                && l.contains("\"variant\":\"champion\"") && l.contains("\"inputs\":{")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"type\":\"feedback\"") && l.contains("\"outcome\":\"0\"")), lines.toString());
        try (Stream<Path> files = Files.walk(home.resolve("store/metrics/inference"))) {
            assertTrue(files.anyMatch(f -> f.toString().endsWith(".jsonl")));
        }
    }

    private static List<String> waitForLines(Path dir, String id, int expected) throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    List<String> lines = files.filter(Files::isRegularFile).flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).filter(l -> l.contains(id)).toList();
                    if (lines.size() >= expected) {
                        return lines;
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("capture lines for " + id + " did not appear under " + dir);
    }
}
