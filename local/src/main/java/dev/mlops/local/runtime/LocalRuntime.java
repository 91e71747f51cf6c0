package dev.mlops.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.MlopsException;
import dev.mlops.local.LocalEnvironment;
import dev.mlops.local.workflows.InboxNotifier;
import dev.mlops.local.workflows.LocalWorkflows;
import dev.mlops.local.workflows.Placeholder;
import dev.mlops.pipeline.drift.StoreMetricLines;
import dev.mlops.pipeline.handlers.PipelineFactory;
import dev.mlops.pipeline.notification.ConsoleLinks;
import dev.mlops.pipeline.tasks.PipelineContext;
import dev.mlops.roles.LocalTokens;
import dev.mlops.workflows.asl.eval.RealClock;
import dev.mlops.inference.LiveModels;
import dev.mlops.inference.ModelNotFoundException;
import dev.mlops.inference.NoLiveVersionException;
import dev.mlops.inference.OnnxModel;
import dev.mlops.inference.Serving;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One JVM with the whole loop: the workflow engine over {@code $MLOPS_HOME/executions} (executions a previous
 * runtime left running are resumed), every pipeline task as a local function, the training job in process, and
 * the inference and control APIs with the web console in one Micronaut context on one port of 127.0.0.1. The
 * control API reaches the engine through {@link EngineExecutions}, registered as its {@code Executions} bean.
 *
 * <p>One runtime per MLOPS_HOME: the engine resumes what it finds, so two would run the same executions twice.
 */
public final class LocalRuntime implements AutoCloseable {

    /** The tokens file under MLOPS_HOME. */
    public static final String TOKENS = "tokens.json";

    /** Inferences run on a challenger's new session before traffic reaches it (JIT and ONNX Runtime's first runs). */
    private static final int WARM_RUNS = 50;

    private final LocalEnvironment env;
    private final LocalWorkflows workflows;
    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final LocalTokens.Created tokens;
    private final dev.mlops.local.workflows.LocalFunctions functions;
    private volatile LocalSchedules schedules;

    private LocalRuntime(LocalEnvironment env, LocalWorkflows workflows, dev.mlops.local.workflows.LocalFunctions functions,
                         ApplicationContext context, EmbeddedServer server, LocalTokens.Created tokens) {
        this.env = env;
        this.workflows = workflows;
        this.functions = functions;
        this.context = context;
        this.server = server;
        this.tokens = tokens;
    }

    /** What a runtime starts with. */
    public record Options(Path workflowsDir, int port, String codeRevision, Map<String, Object> properties) {
        public Options {
            properties = Map.copyOf(properties);
        }

        /** Defaults: no extra Micronaut properties. */
        public Options(Path workflowsDir, int port, String codeRevision) {
            this(workflowsDir, port, codeRevision, Map.of());
        }
    }

    /**
     * Starts the runtime.
     *
     * @param progress one line per long step (the caller prints them on stderr)
     * @throws MlopsException when the port is taken or the workflows cannot be loaded
     */
    public static LocalRuntime start(LocalEnvironment env, Options options, Consumer<String> progress) {
        LocalTokens.Created tokens = LocalTokens.readOrCreate(env.home().resolve(TOKENS), new SecureRandom());
        int port = options.port() == 0 ? freePort() : requireFree(options.port());
        String base = "http://127.0.0.1:" + port;
        progress.accept("loading the workflows of " + options.workflowsDir() + " and resuming persisted executions");
        AtomicReference<LiveModels> serving = new AtomicReference<>();
        dev.mlops.local.workflows.LocalFunctions functions = functions(env, options, base, model -> {
            LiveModels live = serving.get();
            if (live != null) {
                warm(live, model);
            }
        });
        LocalWorkflows workflows = LocalWorkflows.forEnvironment(options.workflowsDir(), env, functions,
                options.codeRevision(), new RealClock(env.clock()), new SecureRandom());
        progress.accept("engine ready: " + workflows.stateMachines().keySet() + ", " + workflows.list().stream()
                .filter(r -> r.status() == dev.mlops.workflows.asl.persist.ExecutionRecord.Status.RUNNING).count()
                + " execution(s) running");
        progress.accept("starting the inference and control APIs and the console on " + base);
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", port);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.netty.event-loops.default.num-threads", Runtime.getRuntime().availableProcessors());
        properties.put("mlops.inference.home", env.home().toString());
        properties.put("mlops.inference.store", env.storeLocation());
        properties.put("mlops.control.home", env.home().toString());
        properties.put("mlops.control.store", env.storeLocation());
        properties.put(PipelineFactory.ENABLED, false);
        // Each function jar brings an application.properties; only one of them is read, so the settings the shared
        // server needs are given here: the console's static files (control) and the request size limit (inference's,
        // the larger: the control API checks its own 64 KiB limit in its controllers).
        properties.put("micronaut.application.name", "mlops-local");
        properties.put("micronaut.server.max-request-size", "16MB");
        properties.put("micronaut.router.static-resources.console.enabled", true);
        properties.put("micronaut.router.static-resources.console.paths", "classpath:console");
        properties.put("micronaut.router.static-resources.console.mapping", "/console/**");
        properties.putAll(options.properties());
        ApplicationContext context = ApplicationContext.builder().properties(properties)
                .singletons(new EngineExecutions(workflows)).build();
        try {
            context.start();
            serving.set(context.getBean(LiveModels.class));
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            return new LocalRuntime(env, workflows, functions, context, server, tokens);
        } catch (RuntimeException e) {
            context.close();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw portTaken(port);
                }
            }
            throw e;
        }
    }

    /**
     * After a pipeline function changed a deployment: the inference function re-reads it now (in AWS its cache
     * expires after the TTL) and the challenger's session is loaded and run once, as a deployment hook would, so
     * the canary's first requests do not carry the model's load time into its latency comparison.
     */
    private static void warm(LiveModels live, String model) {
        live.refresh();
        try {
            Serving serving = live.serving(model);
            for (OnnxModel session : java.util.Arrays.asList(serving.champion(), serving.challenger())) {
                if (session != null) {
                    for (int i = 0; i < WARM_RUNS; i++) {
                        session.run(new float[][] {new float[session.manifest().input().width()]});
                    }
                }
            }
        } catch (NoLiveVersionException | ModelNotFoundException nothingLive) {
            // Rolled back before anything was promoted: nothing serves, nothing to warm.
        }
    }

    private static dev.mlops.local.workflows.LocalFunctions functions(LocalEnvironment env, Options options, String base,
                                                                      Consumer<String> deploymentChanged) {
        String topic = dev.mlops.local.workflows.Placeholders.load(options.workflowsDir().resolve("placeholders.json"))
                .find("NotificationTopic").map(Placeholder::local).orElse("arn:aws:sns:local:000000000000:mlops-notifications");
        ConsoleLinks links = new ConsoleLinks(base + "/console/#", base + "/console/#/executions/{arn}");
        PipelineContext context = PipelineContext.of(env.store(), new InboxNotifications(InboxNotifier.in(env.home()), topic,
                env.clock()), links, env.clock(), () -> UUID.randomUUID().toString().substring(0, 8));
        return PipelineFunctions.of(PipelineFunctions.tasks(context, new StoreMetricLines(env.store())), deploymentChanged);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new MlopsException("cannot find a free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** Checked before the engine resumes anything, so a taken port stops the runtime before it does work. */
    private static int requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException e) {
            throw portTaken(port);
        }
    }

    private static MlopsException portTaken(int port) {
        return new MlopsException("port " + port + " on 127.0.0.1 is taken (another ./mlops up or serve?); stop what uses it"
                + " or pass --port");
    }

    /** The base URL, {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    public LocalEnvironment environment() {
        return env;
    }

    public LocalWorkflows workflows() {
        return workflows;
    }

    /** The Micronaut context of the APIs (tests reach beans through it). */
    public ApplicationContext context() {
        return context;
    }

    /** The local tokens, and whether this start created them. */
    public LocalTokens.Created tokens() {
        return tokens;
    }

    /**
     * Runs the pipeline function {@code name} (for example {@code kpi-report}) once, as its Lambda would be invoked.
     *
     * @throws MlopsException when there is no such function
     */
    public JsonNode invoke(String name, JsonNode payload) {
        return functions.find(name).orElseThrow(() -> new MlopsException("no local function " + name + "; functions: "
                + functions.names())).invoke(payload);
    }

    /**
     * Starts what EventBridge Scheduler starts in AWS ({@link LocalSchedules}): kpi-report per published model every
     * {@code kpiInterval}, drift-check per its {@code drift.schedule}. Stopped by {@link #close()}; once per runtime.
     */
    public synchronized LocalSchedules startSchedules(Duration kpiInterval, Consumer<String> log) {
        if (schedules != null) {
            throw new IllegalStateException("the schedules are started already");
        }
        schedules = LocalSchedules.start(env.store(), workflows, payload -> invoke("kpi-report", payload), kpiInterval, log);
        return schedules;
    }

    /** Stops the schedules and the APIs. Running executions stay persisted and resume on the next start. */
    @Override
    public void close() {
        LocalSchedules running = schedules;
        if (running != null) {
            running.close();
        }
        context.close();
    }
}
