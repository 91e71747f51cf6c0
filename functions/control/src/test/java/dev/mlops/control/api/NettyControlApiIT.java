package dev.mlops.control.api;

import dev.mlops.control.api.ControlFixture.Who;
import dev.mlops.control.executions.Executions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request suite over real HTTP to the embedded Netty server, authenticated by local bearer tokens. */
class NettyControlApiIT extends ControlApiContract {

    @TempDir
    static Path home;

    static ControlFixture fixture;
    static ApplicationContext context;
    static EmbeddedServer server;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        fixture = ControlFixture.create(home);
        Map<String, Object> properties = new HashMap<>(fixture.properties());
        properties.put("micronaut.server.port", -1);
        // The local runtime attaches its engine the same way: a singleton registered before the context starts.
        context = ApplicationContext.builder().properties(properties).singletons(fixture.engine).start();
        server = context.getBean(EmbeddedServer.class).start();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Override
    ControlFixture fixture() {
        return fixture;
    }

    @Override
    Reply send(String method, String path, Who who, String body) {
        return send(method, path, who, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private Reply send(String method, String path, Who who, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (who != null) {
            request.header("Authorization", "Bearer " + who.token());
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> lower = new TreeMap<>();
            response.headers().map().forEach((k, v) -> lower.put(k.toLowerCase(), v.get(0)));
            return new Reply(response.statusCode(), lower, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void registeredEngine_winsOverTheDetachedDefault() {
        assertSame(fixture.engine, context.getBean(Executions.class));
    }

    @Test
    void racingOppositeDecisions_oneWins_theOtherIs409_andOneCallbackResumes() throws Exception {
        String id = fixture.pendingApproval(Who.DS.identity);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var approve = pool.submit(() -> send("POST", "/v1/approvals/" + id + "/approve", Who.APPROVER, "{\"comment\": \"yes\"}"));
            var reject = pool.submit(() -> send("POST", "/v1/approvals/" + id + "/reject", Who.APPROVER2, "{\"comment\": \"no\"}"));
            java.util.List<Integer> statuses = new java.util.ArrayList<>(java.util.List.of(approve.get().status(), reject.get().status()));
            java.util.Collections.sort(statuses);
            assertEquals(java.util.List.of(200, 409), statuses);
        } finally {
            pool.shutdown();
        }
        var callbacks = fixture.engine.callbacks(ControlFixture.token(ControlFixture.version(id)));
        assertEquals(1, callbacks.size(), callbacks.toString());
        assertTrue(callbacks.get(0).accepted());
    }

    @Test
    void bodyOverTheServerLimit_is413Problem() {
        Reply reply = send("POST", "/v1/approvals/credit-risk.v1/approve", Who.APPROVER, new byte[2 * 1024 * 1024]);
        assertProblem(reply, 413, "payload-too-large");
    }

    @Test
    void forgedToken_is401() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/models"))
                .header("Authorization", "Bearer mlops_" + "0".repeat(48)).build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            assertProblem(new Reply(response.statusCode(), Map.of("content-type", response.headers().firstValue("Content-Type").orElse("")),
                    response.body()), 401, "unauthenticated");
            assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
