package dev.mlops.local.cli;

import dev.mlops.InvalidInputException;
import dev.mlops.local.LocalEnvironment;
import dev.mlops.registry.RegistryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * The {@code mlops} command line. Results go to stdout, progress and errors to stderr, so that results can be
 * piped. Exit codes: 0 success, 1 failure, 2 bad input (usage, invalid config or data).
 */
@Command(name = "mlops", mixinStandardHelpOptions = true, version = "mlops 0.1.0",
        description = "Serverless MLOps for Java: train, register, approve, serve and watch models, locally or on AWS.",
        subcommands = {TrainCommand.class, ModelsCommand.class, ServeCommand.class, StatesCommand.class,
                ApproveCommand.class, RejectCommand.class, StatusCommand.class})
public final class MlopsCli implements Runnable {

    /** Exit code for input the user can fix: bad arguments, configs or data. */
    public static final int BAD_INPUT = 2;

    /**
     * Tribuo reports every SGD run at INFO through java.util.logging; the CLI prints its own progress. Held in a
     * field because JUL keeps loggers weakly and would forget the level.
     */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    private final Map<String, String> env;
    private final Clock clock;
    private LocalEnvironment environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public MlopsCli(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    public static void main(String[] args) {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(run(System.getenv(), Clock.systemUTC(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line; the entry point of tests too. */
    public static int run(Map<String, String> env, Clock clock, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new MlopsCli(env, clock));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            commandLine.getErr().flush();
            return isBadInput(e) ? BAD_INPUT : 1;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return BAD_INPUT;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static boolean isBadInput(Exception e) {
        return e instanceof IllegalArgumentException || e instanceof InvalidInputException
                || e instanceof RegistryException;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The local environment, opened on first use (so {@code --help} needs no writable MLOPS_HOME). */
    LocalEnvironment environment() {
        if (environment == null) {
            environment = LocalEnvironment.from(env, clock);
        }
        return environment;
    }

    /** Who is acting: {@code MLOPS_USER}, else the OS user. */
    String actor() {
        return env.getOrDefault("MLOPS_USER", env.getOrDefault("USER", "local-user"));
    }

    /** The process environment this command line was started with. */
    Map<String, String> env() {
        return env;
    }

    Clock clock() {
        return clock;
    }
}
