package dev.mlops.local.cli;

import dev.mlops.local.demo.Demo;
import dev.mlops.local.demo.DemoFailure;
import dev.mlops.local.workflows.LocalWorkflows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code mlops demo}: the whole loop, scripted, in this JVM; exits 1 when an outcome is not the expected one. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole loop as a scripted story in one JVM and print its timeline: train v1, approve, canary and"
                + " promote; v2 on shifted data promoted through 10% -> 50% -> 100%; a bad v3 rolled back by the canary;"
                + " drift in debt_ratio that starts a retraining.",
                "Its state goes to $MLOPS_HOME/demo (replaced on each run). Exits 1 if any outcome differs from the story."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    MlopsCli root;

    @Option(names = "--keep-running", description = "Leave the APIs and the console up after the story (Ctrl-C to stop).")
    boolean keepRunning;

    @Option(names = "--port", defaultValue = "0", description = "TCP port on 127.0.0.1 (default: any free port).")
    int port;

    @Option(names = "--rows", defaultValue = "20000", hidden = true, description = "Rows per training dataset.")
    int rows;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        PrintWriter err = root.spec.commandLine().getErr();
        Path home = root.environment().home().resolve("demo");
        Demo demo = new Demo(new Demo.Options(home, root.environment().modelsDir(), LocalWorkflows.directory(root.env()), port,
                root.codeRevision(), rows), out, err);
        long started = System.nanoTime();
        try {
            demo.run();
        } catch (DemoFailure e) {
            err.println("demo FAILED: " + e.getMessage());
            err.flush();
            demo.close();
            return 1;
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
        out.printf("demo finished in %.0f s%n", (System.nanoTime() - started) / 1e9);
        if (!keepRunning) {
            demo.close();
            return 0;
        }
        demo.stopTraffic();
        out.println("still up on " + demo.runtime().url() + "/console/ (tokens in " + home.resolve("tokens.json")
                + "); MLOPS_HOME=" + home + " ./mlops up serves this state again later. Ctrl-C to stop.");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "mlops-demo-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
