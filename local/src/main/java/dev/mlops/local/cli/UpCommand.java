package dev.mlops.local.cli;

import dev.mlops.local.LocalEnvironment;
import dev.mlops.local.runtime.LocalRuntime;
import dev.mlops.local.workflows.LocalWorkflows;
import dev.mlops.registry.Deployment;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.roles.LocalTokens;
import dev.mlops.roles.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/** {@code mlops up}: the whole loop in this JVM (engine, pipeline functions, inference and control APIs, console). */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run everything locally in one JVM: the workflow engine with the pipeline functions and the training"
                + " job, the inference API, the control API and the web console at /console/, over MLOPS_HOME.",
                "Executions left running by a previous run (a training parked on its approval) resume."})
final class UpCommand implements Runnable {

    @ParentCommand
    MlopsCli root;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public void run() {
        LocalEnvironment env = root.environment();
        PrintWriter out = root.spec.commandLine().getOut();
        PrintWriter err = root.spec.commandLine().getErr();
        java.time.Duration kpiInterval = dev.mlops.local.runtime.LocalSchedules.kpiInterval(root.env());
        LocalRuntime runtime = LocalRuntime.start(env, new LocalRuntime.Options(LocalWorkflows.directory(root.env()), port,
                root.codeRevision()), line -> {
                    err.println("up: " + line);
                    err.flush();
                });
        runtime.startSchedules(kpiInterval, line -> {
            err.println("up: " + line);
            err.flush();
        });
        err.println("up: kpi-report every " + kpiInterval.toMinutes() + " min (" + dev.mlops.local.runtime.LocalSchedules.KPI_INTERVAL_ENV
                + "), drift-check on each model's rate(...) drift.schedule");
        err.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "mlops-up-shutdown"));
        describe(out, runtime);
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runtime.close();
        }
    }

    /** What is up and how to use it; the tokens only when this start created them. */
    static void describe(PrintWriter out, LocalRuntime runtime) {
        String url = runtime.url().toString();
        LocalTokens tokens = runtime.tokens().tokens();
        if (runtime.tokens().isNew()) {
            out.println("created local tokens in " + runtime.environment().home().resolve(LocalRuntime.TOKENS)
                    + " (mode 0600; shown once, read them there later):");
            tokens.entries().forEach(e -> out.printf("  %-22s %s%n", e.name(), e.token()));
        }
        out.println("mlops is up on " + url + " (Ctrl-C to stop; state in " + runtime.environment().home() + ")");
        out.println("  console        " + url + "/console/  (sign in with a token from tokens.json)");
        out.println("  inference API  " + url + "/v1/models/{model}/predict, " + url + "/v2/models/{model}/infer  (client token)");
        out.println("  control API    " + url + "/v1/approvals, /v1/models, /v1/executions  (role tokens)");
        out.println("  state machines " + String.join(", ", runtime.workflows().stateMachines().keySet()));
        ModelRegistry registry = runtime.environment().registry();
        for (String model : registry.models()) {
            Deployment d = registry.deployment(model);
            out.printf("  %-14s %s%n", model, d.champion() == null ? "nothing live yet"
                    : "champion " + d.champion() + (d.challenger() == null ? "" : ", challenger " + d.challenger() + " "
                    + d.mode() + " " + d.challengerWeight() + "%"));
        }
        out.println("try:");
        out.println("  ./mlops status                                   # models, approvals, executions");
        out.println("  curl -s -X POST -H 'Authorization: Bearer " + (runtime.tokens().isNew() ? tokens.tokenFor(Role.DATA_SCIENTIST).orElse("") : "<data-scientist token from tokens.json>")
                + "' -H 'Content-Type: application/json' \\");
        out.println("    -d '{\"dataset\":\"datasets/credit-risk/<file>.csv\"}' " + url + "/v1/models/credit-risk/trainings");
        out.println("  ./mlops approve credit-risk.v1 --comment 'looks good'   # as the approver (tokens.json)");
    }
}
