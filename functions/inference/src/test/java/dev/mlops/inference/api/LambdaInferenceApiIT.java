package dev.mlops.inference.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.mlops.inference.LiveModels;
import dev.mlops.inference.ServingFixture;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The request suite through the Lambda entry, as API Gateway HTTP API (payload 2.0) invokes it. The JWT
 * authorizer runs before Lambda in AWS; here a valid token stands for an event carrying verified claims.
 */
class LambdaInferenceApiIT extends InferenceApiContract {

    @TempDir
    static Path home;

    static ServingFixture fixture;
    static ApplicationContext context;
    static APIGatewayV2HTTPEventFunction handler;
    static List<String> loadedAtInit;

    @BeforeAll
    static void start() {
        fixture = ServingFixture.create(home);
        context = ApplicationContext.builder()
                .environments("function", "lambda")
                .properties(Map.of("mlops.inference.home", home.toString(), "mlops.inference.deployment-ttl", "0s"))
                .start();
        handler = new APIGatewayV2HTTPEventFunction(context);
        loadedAtInit = context.getBean(LiveModels.class).loaded();
    }

    @Test
    void init_primesTheLiveModel_beforeTheFirstRequest() {
        // What a SnapStart snapshot would capture: the champion's session already loaded and run once.
        assertEquals(List.of("credit-risk/v1"), loadedAtInit);
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    @Override
    ServingFixture fixture() {
        return fixture;
    }

    @Override
    Reply send(String method, String pathAndQuery, String token, Map<String, String> headers, byte[] body) {
        String path = pathAndQuery;
        String query = "";
        int q = pathAndQuery.indexOf('?');
        if (q >= 0) {
            path = pathAndQuery.substring(0, q);
            query = pathAndQuery.substring(q + 1);
        }
        Map<String, String> queryParameters = new HashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                queryParameters.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build();
        APIGatewayV2HTTPEvent.RequestContext.RequestContextBuilder context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(http).withRequestId("req-1").withStage("$default").withRouteKey("$default");
        if (fixture.clientToken.equals(token)) {
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                            .withClaims(Map.of("sub", "app-1", "cognito:groups", "[client]")).build())
                    .build());
        }
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("$default").withRawPath(path).withRawQueryString(query)
                .withQueryStringParameters(queryParameters.isEmpty() ? null : queryParameters)
                .withHeaders(new HashMap<>(headers)).withRequestContext(context.build())
                .withBody(body == null ? null : new String(body, StandardCharsets.UTF_8)).withIsBase64Encoded(false)
                .build();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new MockLambdaContext());
        Map<String, String> lower = new TreeMap<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> lower.put(k.toLowerCase(), v));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> lower.putIfAbsent(k.toLowerCase(), v.get(0)));
        }
        return new Reply(response.getStatusCode(), lower, response.getBody());
    }
}
