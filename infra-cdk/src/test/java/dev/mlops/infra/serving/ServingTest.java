package dev.mlops.infra.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.infra.TemplateFacts;
import dev.mlops.infra.TestStacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServingTest {

    private static Template template;
    private static Serving serving;

    @BeforeAll
    static void synth() {
        template = TestStacks.main().template();
        serving = TestStacks.main().stack().getServing();
    }

    @Test
    void inference_runtimeSnapStartMemory_java21OnPublishedVersions2048() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", Serving.HTTP_HANDLER,
                "Runtime", "java21",
                "MemorySize", 2048,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "TracingConfig", Map.of("Mode", "Active"),
                "LoggingConfig", Match.objectLike(Map.of("LogFormat", "Text"))));
    }

    @Test
    void control_runtimeSnapStart_java21OnPublishedVersions() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", Serving.HTTP_HANDLER,
                "Runtime", "java21",
                "MemorySize", 1024,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
    }

    @Test
    void integrations_targetTheLiveAliases() {
        Set<String> aliases = new TreeSet<>(List.of(TemplateFacts.logicalId(serving.getInferenceAlias()),
                TemplateFacts.logicalId(serving.getControlAlias())));
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", Serving.ALIAS));
        Set<String> targets = TemplateFacts.resources(template, "AWS::ApiGatewayV2::Integration").values().stream()
                .map(i -> i.path("Properties").path("IntegrationUri").path("Ref").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(aliases, targets);
    }

    @Test
    void routes_areTheArchitectureRoutes() {
        Set<String> expected = new TreeSet<>(List.of(
                "POST /v2/models/{model}/infer", "GET /v2/models/{model}", "GET /v2/models/{model}/ready",
                "GET /v2/health/live", "GET /v2/health/ready", "POST /v1/models/{model}/predict", "POST /v1/feedback",
                "POST /v1/models/{model}/trainings", "GET /v1/approvals", "GET /v1/approvals/{id}",
                "POST /v1/approvals/{id}/approve", "GET /v1/health",
                "POST /v1/approvals/{id}/reject", "GET /v1/models/{model}/deployment", "PUT /v1/models/{model}/deployment",
                "GET /v1/me", "GET /v1/models", "GET /v1/models/{proxy+}", "GET /v1/executions",
                "GET /v1/executions/{proxy+}", "GET /console", "GET /console/{proxy+}"));
        assertEquals(expected, routes().keySet());
    }

    @Test
    void routes_console_controlFunctionWithoutAuthorizer() {
        String controlIntegration = "integrations/" + controlIntegration();
        // "/console/" has no route of its own: HTTP APIs refuse a path ending in "/", GET /console takes those requests
        for (String key : List.of("GET /console", "GET /console/{proxy+}")) {
            JsonNode properties = routes().get(key).path("Properties");
            assertFalse(properties.has("AuthorizerId"), key);
            assertEquals("NONE", properties.path("AuthorizationType").asText("NONE"), key);
            assertEquals(controlIntegration, target(properties), key);
        }
    }

    @Test
    void routes_everyRouteButHealthAndConsole_hasTheJwtAuthorizer() {
        String authorizer = TemplateFacts.resources(template, "AWS::ApiGatewayV2::Authorizer").keySet().iterator().next();
        routes().forEach((key, route) -> {
            JsonNode properties = route.path("Properties");
            if (key.startsWith("GET /v2/health/") || key.equals("GET /v1/health") || key.startsWith("GET /console")) {
                assertFalse(properties.has("AuthorizerId"), key);
                assertTrue(properties.path("AuthorizationType").asText("NONE").equals("NONE"), key);
            } else {
                assertEquals("JWT", properties.path("AuthorizationType").asText(), key);
                assertEquals(authorizer, properties.path("AuthorizerId").path("Ref").asText(), key);
            }
        });
    }

    @Test
    void authorizer_noIssuerGiven_trustsTheStacksUserPool() {
        template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Map.of(
                "AuthorizerType", "JWT",
                "IdentitySource", List.of("$request.header.Authorization"),
                "JwtConfiguration", Map.of(
                        "Audience", List.of(Map.of("Ref", Match.anyValue())),
                        "Issuer", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(
                                List.of(Match.stringLikeRegexp("https://cognito-idp\\..*"))))))))));
    }

    @Test
    void userPool_groups_oneperApplicationRole() {
        Set<String> groups = TemplateFacts.resources(template, "AWS::Cognito::UserPoolGroup").values().stream()
                .map(g -> g.path("Properties").path("GroupName").asText()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("approver", "operator", "data-scientist", "analyst", "client")), groups);
        template.hasResourceProperties("AWS::Cognito::UserPool", Map.of("MfaConfiguration", "ON",
                "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", true)));
    }

    @Test
    void stage_throttlingAndAccessLogs_configured() {
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of(
                "StageName", "$default",
                "AutoDeploy", true,
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 100, "ThrottlingBurstLimit", 200),
                "AccessLogSettings", Map.of("DestinationArn", Match.anyValue(),
                        "Format", Match.stringLikeRegexp(".*\\$context\\.requestId.*\\$context\\.status.*"))));
    }

    /** The logical id of the integration that targets the control alias. */
    private static String controlIntegration() {
        String alias = TemplateFacts.logicalId(serving.getControlAlias());
        return TemplateFacts.resources(template, "AWS::ApiGatewayV2::Integration").entrySet().stream()
                .filter(e -> alias.equals(e.getValue().path("Properties").path("IntegrationUri").path("Ref").asText()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** A route's target, {@code integrations/<logical id>}, from its Fn::Join. */
    private static String target(JsonNode properties) {
        JsonNode parts = properties.path("Target").path("Fn::Join").path(1);
        return parts.path(0).asText() + parts.path(1).path("Ref").asText();
    }

    private static Map<String, JsonNode> routes() {
        return TemplateFacts.resources(template, "AWS::ApiGatewayV2::Route").values().stream()
                .collect(Collectors.toMap(r -> r.path("Properties").path("RouteKey").asText(), r -> r));
    }
}
