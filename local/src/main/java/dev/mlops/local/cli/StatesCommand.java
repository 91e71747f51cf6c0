package dev.mlops.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.eval.Engine;
import dev.mlops.workflows.asl.eval.ExecutionClock;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.eval.HistoryEvent;
import dev.mlops.workflows.asl.eval.RealClock;
import dev.mlops.workflows.asl.eval.TaskResolver;
import dev.mlops.workflows.asl.eval.VirtualClock;
import dev.mlops.workflows.asl.model.StateMachine;
import dev.mlops.workflows.asl.parse.AslParser;
import dev.mlops.workflows.asl.parse.DefinitionException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code mlops states ...}: Amazon States Language state machines in the local engine. It starts no Micronaut,
 * ONNX Runtime or Netty: only the engine and Jackson.
 */
@Command(name = "states", mixinStandardHelpOptions = true, description = "Run Amazon States Language state machines locally.",
        subcommands = {StatesCommand.Run.class})
final class StatesCommand implements Runnable {

    @ParentCommand
    MlopsCli root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code mlops states run}: one execution, its result as the last line of stdout. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run one execution of a state machine and print, as the last line of stdout,"
                    + " {\"status\":\"SUCCEEDED\",\"output\":...} or {\"status\":\"FAILED\",\"error\":...,\"cause\":...}"
                    + " (TIMED_OUT when the machine's TimeoutSeconds passes). Exit 0 for any completed execution, 2 for an"
                    + " unreadable or invalid definition or input.",
                    "No task integrations are wired locally yet: every Task state fails with States.TaskFailed naming its"
                    + " resource (Catch it, or stub it with a Pass state)."})
    static final class Run implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();

        @ParentCommand
        StatesCommand states;

        @Parameters(index = "0", paramLabel = "<file.asl.json>", description = "The state machine definition.")
        Path definition;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Input input;

        static final class Input {
            @Option(names = "--input", paramLabel = "<json>", description = "The execution input, as JSON text.")
            String json;

            @Option(names = "--input-file", paramLabel = "F", description = "A file holding the execution input.")
            Path file;
        }

        @Option(names = "--real-clock", description = "Wait states and retry intervals really wait (default: a virtual clock,"
                + " on which they complete at once while timestamps advance).")
        boolean isRealClock;

        @Option(names = "--seed", description = "Seed of States.MathRandom, States.UUID, retry jitter and the execution name"
                + " (default: a random seed).")
        Long seed;

        @Option(names = "--history", description = "Print every history event (GetExecutionHistory's shape) to stderr.")
        boolean isHistory;

        @Override
        public Integer call() {
            PrintWriter out = states.spec.commandLine().getOut();
            PrintWriter err = states.spec.commandLine().getErr();
            StateMachine machine;
            JsonNode executionInput;
            try {
                machine = AslParser.parse(Files.readString(definition));
                executionInput = JSON.readTree(input.json != null ? input.json : Files.readString(input.file));
            } catch (DefinitionException e) {
                err.println("error: " + definition + " is not a valid state machine:");
                e.problems().forEach(p -> err.println("  " + p));
                return MlopsCli.BAD_INPUT;
            } catch (JsonProcessingException e) {
                err.println("error: the input is not JSON: " + e.getOriginalMessage());
                return MlopsCli.BAD_INPUT;
            } catch (IOException e) {
                err.println("error: cannot read " + e.getMessage());
                return MlopsCli.BAD_INPUT;
            }
            ExecutionClock clock = isRealClock ? new RealClock(states.root.clock()) : new VirtualClock(states.root.clock().instant());
            Random random = new Random(seed != null ? seed : new SecureRandom().nextLong());
            String name = definition.getFileName().toString().replaceFirst("(\\.asl)?\\.json$", "");
            long started = System.nanoTime();
            ExecutionResult result = new Engine(TaskResolver.none(), clock, random).run(machine, name, null, executionInput);
            if (isHistory) {
                for (HistoryEvent event : result.history()) {
                    err.println(event.toAwsJson());
                }
            }
            err.printf("%s %s in %.1f ms (%d events)%n", result.executionArn(), result.status(),
                    (System.nanoTime() - started) / 1e6, result.history().size());
            out.println(summary(result));
            return 0;
        }

        private static String summary(ExecutionResult result) {
            ObjectNode line = JSON.createObjectNode();
            line.put("status", result.status().name());
            if (result.status() == ExecutionResult.Status.SUCCEEDED) {
                line.set("output", result.output());
            } else {
                line.put("error", result.error());
                line.put("cause", result.cause());
            }
            return line.toString();
        }
    }
}
