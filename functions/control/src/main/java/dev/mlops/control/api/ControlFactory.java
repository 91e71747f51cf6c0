package dev.mlops.control.api;

import dev.mlops.approval.ApprovalStore;
import dev.mlops.control.ApprovalDecisions;
import dev.mlops.control.ControlPlane;
import dev.mlops.control.KpiReports;
import dev.mlops.control.Trainings;
import dev.mlops.control.executions.DetachedExecutions;
import dev.mlops.control.executions.Executions;
import dev.mlops.control.executions.sfn.StepFunctionsExecutions;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.roles.JwtGroups;
import dev.mlops.roles.LocalTokens;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.ArtifactStores;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Wires the plain-Java control plane into Micronaut: the only place that knows both. */
@Factory
public class ControlFactory {

    /** The store, registry and approvals on the system clock; see {@link ControlPlane} for why they are one bean. */
    @Singleton
    ControlPlane plane(ControlConfiguration config, Executions executions) {
        Clock clock = Clock.systemUTC();
        ArtifactStore store = ArtifactStores.open(config.resolvedStore());
        ModelRegistry registry = new ModelRegistry(store, clock, () -> UUID.randomUUID().toString().substring(0, 8));
        ApprovalStore approvals = new ApprovalStore(store, clock);
        return new ControlPlane(store, registry, approvals, new ApprovalDecisions(approvals, registry, executions),
                new Trainings(store, executions, clock, new SecureRandom()), new KpiReports(store));
    }

    /** The Step Functions client of the Lambda engine below; URL-connection HTTP keeps cold starts short. */
    @Singleton
    @Secondary
    @Requires(env = "lambda")
    @Bean(preDestroy = "close")
    SfnClient sfnClient() {
        return SfnClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /**
     * Step Functions in Lambda. Secondary, like the detached engine below, so that an {@link Executions}
     * registered by whoever builds the context (the local runtime's engine, a test's fake) takes precedence.
     */
    @Singleton
    @Secondary
    @Requires(env = "lambda")
    Executions stepFunctions(SfnClient client, ControlConfiguration config) {
        Map<String, String> arns = new LinkedHashMap<>();
        put(arns, Trainings.STATE_MACHINE, config.getTrainingPipelineArn());
        put(arns, "drift-check", config.getDriftCheckArn());
        return new StepFunctionsExecutions(client, arns);
    }

    /** Outside Lambda, until the local runtime registers its engine: starting and resuming answer 503. */
    @Singleton
    @Secondary
    @Requires(notEnv = "lambda")
    Executions detached() {
        return new DetachedExecutions();
    }

    @Singleton
    @Requires(env = "lambda")
    Authenticator jwtAuthenticator(ControlConfiguration config) {
        return new JwtClaimsAuthenticator(new JwtGroups(config.getGroupsClaim()));
    }

    @Singleton
    @Requires(notEnv = "lambda")
    Authenticator tokenAuthenticator(ControlConfiguration config) {
        return new LocalTokenAuthenticator(LocalTokens.readOrCreate(Path.of(config.getHome(), "tokens.json"), new SecureRandom()).tokens());
    }

    private static void put(Map<String, String> arns, String name, String arn) {
        if (arn != null && !arn.isBlank()) {
            arns.put(name, arn);
        }
    }
}
