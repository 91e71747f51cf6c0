package dev.mlops.local.cli;

import dev.mlops.MlopsException;
import dev.mlops.local.LocalEnvironment;
import dev.mlops.pipeline.handlers.PipelineFactory;
import dev.mlops.registry.Deployment;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.roles.LocalTokens;
import dev.mlops.roles.Role;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.net.BindException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code mlops serve}: the inference API alone, on Netty, serving what the registry's deployments say is live. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the inference API (/v1 predict and feedback, /v2 Open Inference Protocol) on this machine.")
final class ServeCommand implements Runnable {

    @ParentCommand
    MlopsCli root;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public void run() {
        LocalEnvironment env = root.environment();
        PrintWriter out = root.spec.commandLine().getOut();
        LocalTokens.Created tokens = LocalTokens.readOrCreate(env.home().resolve("tokens.json"), new SecureRandom());
        if (tokens.isNew()) {
            out.println("created local tokens in " + env.home().resolve("tokens.json") + " (mode 0600; shown once):");
            tokens.tokens().entries().forEach(e -> out.printf("  %-22s %s%n", e.name(), e.token()));
        }
        EmbeddedServer server = start(env);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.getApplicationContext().close();
            stopped.countDown();
        }, "mlops-serve-shutdown"));
        describe(out, env, server, tokens.tokens());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.getApplicationContext().close();
        }
    }

    private EmbeddedServer start(LocalEnvironment env) {
        try {
            return ApplicationContext.run(EmbeddedServer.class, Map.of(
                    "micronaut.server.port", port,
                    "micronaut.server.host", "127.0.0.1",
                    // One event loop per core: more only adds context switches on a small machine (docs/benchmarks.md).
                    "micronaut.netty.event-loops.default.num-threads", Runtime.getRuntime().availableProcessors(),
                    "mlops.inference.home", env.home().toString(),
                    "mlops.inference.store", env.storeLocation(),
                    // The pipeline's jar is on this classpath for ./mlops up; its factory's store and clock beans
                    // would make the inference function's injection ambiguous.
                    PipelineFactory.ENABLED, false));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new MlopsException("port " + port + " on 127.0.0.1 is taken; stop what uses it or pass --port");
                }
            }
            throw e;
        }
    }

    private static void describe(PrintWriter out, LocalEnvironment env, EmbeddedServer server, LocalTokens tokens) {
        ModelRegistry registry = env.registry();
        out.println("serving on " + server.getURL() + " (Ctrl-C to stop)");
        for (String model : registry.models()) {
            Deployment d = registry.deployment(model);
            out.printf("  %-16s %s%n", model, d.champion() == null ? "nothing live yet (promote a version: ./mlops models promote)"
                    : "champion " + d.champion() + (d.challenger() == null ? "" : ", challenger " + d.challenger() + " " + d.mode()
                    + " " + d.challengerWeight() + "%"));
        }
        String token = tokens.tokenFor(Role.CLIENT).orElse("<client token from tokens.json>");
        out.printf("try:%n  curl -s -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' \\%n"
                + "    -d '{\"instances\":[{\"age\":41,\"income\":52000,\"employment_years\":3,\"debt_ratio\":0.35,\"credit_lines\":4,"
                + "\"late_payments_12m\":0,\"loan_amount\":12000,\"loan_term_months\":36,\"home_owner\":1,\"purpose\":\"car\"}]}' \\%n"
                + "    '%s/v1/models/credit-risk/predict?explain=true'%n", token, server.getURL());
    }
}
