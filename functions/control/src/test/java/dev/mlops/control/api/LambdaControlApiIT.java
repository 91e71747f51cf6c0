package dev.mlops.control.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.mlops.control.api.ControlFixture.Who;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request suite through the Lambda entry, as API Gateway HTTP API (payload 2.0) invokes it. The JWT authorizer
 * runs before Lambda in AWS; here each test identity becomes an event carrying its verified claims, the groups
 * flattened to {@code [a b]} as payload 2.0 does. No claims: the request did not pass an authorizer.
 */
class LambdaControlApiIT extends ControlApiContract {

    @TempDir
    static Path home;

    static ControlFixture fixture;
    static APIGatewayV2HTTPEventFunction handler;

    @BeforeAll
    static void start() {
        fixture = ControlFixture.create(home);
        ApplicationContext context = ApplicationContext.builder()
                .environments("function", "lambda")
                .properties(fixture.properties())
                .singletons(fixture.engine)
                .start();
        handler = new APIGatewayV2HTTPEventFunction(context);
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    @Override
    ControlFixture fixture() {
        return fixture;
    }

    @Override
    Reply send(String method, String pathAndQuery, Who who, String body) {
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
        if (who != null) {
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                            .withClaims(Map.of("sub", "0b7f-" + who.name(), "username", who.identity,
                                    "cognito:groups", who.groupsClaim())).build())
                    .build());
        }
        Map<String, String> headers = new HashMap<>();
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("$default").withRawPath(path).withRawQueryString(query)
                .withQueryStringParameters(queryParameters.isEmpty() ? null : queryParameters)
                .withHeaders(headers).withRequestContext(context.build())
                .withBody(body).withIsBase64Encoded(false)
                .build();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new MockLambdaContext());
        Map<String, String> lower = new TreeMap<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> lower.put(k.toLowerCase(), v));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> lower.putIfAbsent(k.toLowerCase(), v.get(0)));
        }
        String text = response.getIsBase64Encoded() && response.getBody() != null
                ? new String(java.util.Base64.getDecoder().decode(response.getBody()), java.nio.charset.StandardCharsets.UTF_8)
                : response.getBody();
        return new Reply(response.getStatusCode(), lower, text);
    }
}
