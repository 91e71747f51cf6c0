package dev.mlops.infra.serving;

import dev.mlops.infra.config.Edition;
import dev.mlops.infra.config.LambdaJars;
import dev.mlops.infra.config.Settings;
import dev.mlops.infra.storage.ArtifactStorage;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The serving side: the inference and control functions behind one HTTP API.
 *
 * <p>Both functions run java21 with SnapStart on published versions; the API integrates with an alias of each,
 * so requests always reach a snapshotted version (routing between model versions happens in the application, from
 * deployment.json, not with alias weights). Every route but the health checks needs a JWT; role checks
 * (approver, operator, data-scientist, analyst, client) happen in the application from the groups claim.
 */
public final class Serving extends Construct {

    /** The Micronaut Lambda entry of both HTTP functions (payload format 2.0). */
    public static final String HTTP_HANDLER = "io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction";
    /** The groups of the Cognito user pool, one per application role. */
    public static final List<String> GROUPS = List.of("approver", "operator", "data-scientist", "analyst", "client");
    /** MLOPS_HOME of every function: Lambda's only writable folder. */
    public static final String LAMBDA_HOME = "/tmp/mlops";
    /** The name of the alias the API integrations target. */
    public static final String ALIAS = "live";

    /** One route: method and path. */
    public record Route(HttpMethod method, String path) {
    }

    /** Routes of the inference function (ARCHITECTURE.md, "Inference API"); the health checks carry no authorizer. */
    public static final List<Route> INFERENCE_ROUTES = List.of(
            new Route(HttpMethod.POST, "/v2/models/{model}/infer"),
            new Route(HttpMethod.GET, "/v2/models/{model}"),
            new Route(HttpMethod.GET, "/v2/models/{model}/ready"),
            new Route(HttpMethod.POST, "/v1/models/{model}/predict"),
            new Route(HttpMethod.POST, "/v1/feedback"));
    /** Unauthenticated health routes of the inference function (Open Inference Protocol). */
    public static final List<Route> INFERENCE_HEALTH_ROUTES = List.of(
            new Route(HttpMethod.GET, "/v2/health/live"),
            new Route(HttpMethod.GET, "/v2/health/ready"));
    /** The unauthenticated liveness route of the control function. */
    public static final List<Route> CONTROL_HEALTH_ROUTES = List.of(new Route(HttpMethod.GET, "/v1/health"));
    /**
     * The web console of the control function (docs/control-api.md): static files without an authorizer, since a
     * browser loads them before anyone signs in; every datum the pages show comes from the authenticated /v1 routes.
     * HTTP APIs refuse a route path ending in "/" (CDK checks it at synth, the API at deploy): a request for
     * {@code /console/} matches the {@code GET /console} route and reaches the function with {@code rawPath}
     * {@code /console/}, which the control function answers with index.html.
     */
    public static final List<Route> CONSOLE_ROUTES = List.of(
            new Route(HttpMethod.GET, "/console"),
            new Route(HttpMethod.GET, "/console/{proxy+}"));
    /**
     * Routes of the control function (ARCHITECTURE.md, "Control API"). The reads (model, version, audit, execution,
     * KPI) share greedy GET routes; API Gateway prefers the more specific routes above them.
     */
    public static final List<Route> CONTROL_ROUTES = List.of(
            new Route(HttpMethod.POST, "/v1/models/{model}/trainings"),
            new Route(HttpMethod.GET, "/v1/approvals"),
            new Route(HttpMethod.GET, "/v1/approvals/{id}"),
            new Route(HttpMethod.POST, "/v1/approvals/{id}/approve"),
            new Route(HttpMethod.POST, "/v1/approvals/{id}/reject"),
            new Route(HttpMethod.GET, "/v1/models/{model}/deployment"),
            new Route(HttpMethod.PUT, "/v1/models/{model}/deployment"),
            new Route(HttpMethod.GET, "/v1/me"),
            new Route(HttpMethod.GET, "/v1/models"),
            new Route(HttpMethod.GET, "/v1/models/{proxy+}"),
            new Route(HttpMethod.GET, "/v1/executions"),
            new Route(HttpMethod.GET, "/v1/executions/{proxy+}"));

    private final Function inference;
    private final Alias inferenceAlias;
    private final LogGroup inferenceLogs;
    private final Function control;
    private final Alias controlAlias;
    private final HttpApi api;
    private final HttpStage stage;
    private final UserPool userPool;

    /** Functions, user pool (when no issuer is configured), API, routes and stage. */
    public Serving(Construct scope, String id, Settings settings, LambdaJars jars, ArtifactStorage storage) {
        super(scope, id);
        Map<String, String> common = Map.of(
                "MLOPS_HOME", LAMBDA_HOME,
                "MLOPS_STORE", storage.getStoreUri(),
                // C1 only: the usual Lambda JVM setting; SnapStart restores after the JIT work of priming
                "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");

        inferenceLogs = LogGroup.Builder.create(this, "InferenceLogs")
                .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
        inference = Function.Builder.create(this, "Inference")
                .description("Inference API: ONNX Runtime, application-level canary routing, capture log lines")
                .runtime(Runtime.JAVA_21)
                // the jar carries ONNX Runtime natives for linux-x64 only
                .architecture(Architecture.X86_64)
                .handler(HTTP_HANDLER)
                .code(Code.fromAsset(jars.inference().toString()))
                .memorySize(settings.inferenceMemoryMb())
                .timeout(Duration.seconds(29))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .tracing(Tracing.ACTIVE)
                // capture lines must reach the subscription filter verbatim, one JSON object per log event
                .loggingFormat(LoggingFormat.TEXT)
                .logGroup(inferenceLogs)
                .environment(withEntries(common, Map.of(
                        "MLOPS_INFERENCE_STORE", storage.getStoreUri(),
                        "MLOPS_INFERENCE_GROUPS_CLAIM", settings.groupsClaim())))
                .build();
        storage.grantRead(inference);
        acknowledgeSnapStart(inference);
        inferenceAlias = Alias.Builder.create(this, "InferenceAlias")
                .aliasName(ALIAS).version(inference.getCurrentVersion()).build();

        LogGroup controlLogs = LogGroup.Builder.create(this, "ControlLogs")
                .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
        control = Function.Builder.create(this, "Control")
                .description("Control API: approvals, deployments, training start, registry and execution reads")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.X86_64)
                .handler(HTTP_HANDLER)
                .code(Code.fromAsset(jars.control().toString()))
                .memorySize(1024)
                .timeout(Duration.seconds(29))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .tracing(Tracing.ACTIVE)
                .logGroup(controlLogs)
                .environment(withEntries(common, Map.of(
                        "MLOPS_CONTROL_STORE", storage.getStoreUri(),
                        "MLOPS_CONTROL_GROUPS_CLAIM", settings.groupsClaim())))
                .build();
        storage.grantReadWrite(control);
        acknowledgeSnapStart(control);
        storage.grantAuditWrite(control, settings.auditRetentionDays());
        controlAlias = Alias.Builder.create(this, "ControlAlias")
                .aliasName(ALIAS).version(control.getCurrentVersion()).build();

        if (!Edition.of(this).hasHttpApi()) {
            // edition=community (LocalStack without Cognito and HTTP APIs): the functions are invoked directly
            userPool = null;
            api = null;
            stage = null;
            return;
        }
        String issuer;
        List<String> audience;
        if (settings.hasOwnUserPool()) {
            userPool = UserPool.Builder.create(this, "Users")
                    .selfSignUpEnabled(false)
                    // approvers release models to production: a second factor, app-based (no SMS costs or SIM swaps)
                    .mfa(Mfa.REQUIRED)
                    .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                    .passwordPolicy(PasswordPolicy.builder().minLength(12).requireDigits(true).requireLowercase(true)
                            .requireUppercase(true).requireSymbols(true).build())
                    .accountRecovery(AccountRecovery.EMAIL_ONLY)
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();
            for (String group : GROUPS) {
                CfnUserPoolGroup.Builder.create(this, "Group-" + group)
                        .userPoolId(userPool.getUserPoolId()).groupName(group)
                        .description("application role " + group).build();
            }
            UserPoolClient client = userPool.addClient("ApiClient", software.amazon.awscdk.services.cognito.UserPoolClientOptions.builder()
                    .authFlows(AuthFlow.builder().userSrp(true).build())
                    .generateSecret(false)
                    .build());
            issuer = "https://cognito-idp." + Stack.of(this).getRegion() + ".amazonaws.com/" + userPool.getUserPoolId();
            audience = List.of(client.getUserPoolClientId());
            new CfnOutput(this, "UserPoolId", software.amazon.awscdk.CfnOutputProps.builder().value(userPool.getUserPoolId()).build());
            new CfnOutput(this, "UserPoolClientId", software.amazon.awscdk.CfnOutputProps.builder().value(client.getUserPoolClientId()).build());
        } else {
            userPool = null;
            issuer = settings.jwtIssuer().orElseThrow();
            audience = settings.jwtAudience();
        }
        IHttpRouteAuthorizer authorizer = HttpJwtAuthorizer.Builder.create("Jwt", issuer)
                .jwtAudience(audience).identitySource(List.of("$request.header.Authorization")).build();

        api = HttpApi.Builder.create(this, "Api")
                .description("Serverless MLOps for Java: inference and control API")
                .createDefaultStage(false)
                .build();
        HttpLambdaIntegration inferenceTarget = HttpLambdaIntegration.Builder.create("Inference", inferenceAlias)
                .scopePermissionToRoute(false).build();
        HttpLambdaIntegration controlTarget = HttpLambdaIntegration.Builder.create("Control", controlAlias)
                .scopePermissionToRoute(false).build();
        for (Route route : INFERENCE_ROUTES) {
            addRoute(route, inferenceTarget, authorizer);
        }
        for (Route route : INFERENCE_HEALTH_ROUTES) {
            addRoute(route, inferenceTarget, null);
        }
        for (Route route : CONTROL_ROUTES) {
            addRoute(route, controlTarget, authorizer);
        }
        for (Route route : CONTROL_HEALTH_ROUTES) {
            addRoute(route, controlTarget, null);
        }
        for (Route route : CONSOLE_ROUTES) {
            addRoute(route, controlTarget, null);
        }

        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(RetentionDays.THREE_MONTHS).removalPolicy(RemovalPolicy.DESTROY).build();
        IAccessLogDestination destination = new LogGroupLogDestination(accessLogs);
        stage = HttpStage.Builder.create(this, "DefaultStage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(settings.apiRateLimit()).burstLimit(settings.apiBurstLimit()).build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return destination;
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom("{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
                                + "\"time\":\"$context.requestTime\",\"method\":\"$context.httpMethod\",\"route\":\"$context.routeKey\","
                                + "\"status\":\"$context.status\",\"length\":\"$context.responseLength\","
                                + "\"latency\":\"$context.responseLatency\",\"integrationError\":\"$context.integrationErrorMessage\","
                                + "\"sub\":\"$context.authorizer.claims.sub\"}");
                    }
                })
                .build();
        new CfnOutput(this, "ApiUrl", software.amazon.awscdk.CfnOutputProps.builder().value(api.getApiEndpoint()).build());
    }

    /** CDK warns that SnapStart needs published versions; each function here is published by its alias. */
    public static void acknowledgeSnapStart(Function function) {
        software.amazon.awscdk.Annotations.of(function).acknowledgeWarning(
                "@aws-cdk/aws-lambda:snapStartRequirePublish", "published: the live alias points at currentVersion");
    }

    private void addRoute(Route route, HttpLambdaIntegration integration, IHttpRouteAuthorizer authorizer) {
        AddRoutesOptions.Builder options = AddRoutesOptions.builder()
                .path(route.path()).methods(List.of(route.method())).integration(integration);
        if (authorizer != null) {
            options.authorizer(authorizer);
        }
        api.addRoutes(options.build());
    }

    private static Map<String, String> withEntries(Map<String, String> base, Map<String, String> extra) {
        java.util.TreeMap<String, String> all = new java.util.TreeMap<>(base);
        all.putAll(extra);
        return all;
    }

    /** The inference function. */
    public Function getInference() {
        return inference;
    }

    /** The alias of the inference function's current version, which the API targets. */
    public Alias getInferenceAlias() {
        return inferenceAlias;
    }

    /** The inference function's log group (capture lines and EMF metrics). */
    public LogGroup getInferenceLogs() {
        return inferenceLogs;
    }

    /** The control function. */
    public Function getControl() {
        return control;
    }

    /** The alias of the control function's current version. */
    public Alias getControlAlias() {
        return controlAlias;
    }

    /** The HTTP API. */
    public HttpApi getApi() {
        return api;
    }

    /** The API's default stage. */
    public HttpStage getStage() {
        return stage;
    }

    /** The Cognito user pool, or null when an external issuer is configured. */
    public UserPool getUserPool() {
        return userPool;
    }
}
