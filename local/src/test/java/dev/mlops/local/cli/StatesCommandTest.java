package dev.mlops.local.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mlops states run} in-process: the last stdout line, exit codes, parser errors on stderr. */
class StatesCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private Run mlops(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        int code = MlopsCli.run(Map.of("MLOPS_HOME", dir.resolve("home").toString()), clock, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path definition(String json) throws IOException {
        return Files.writeString(dir.resolve("machine.asl.json"), json);
    }

    @Test
    void run_succeeded_printsOutputAsLastLine() throws IOException {
        Path file = definition("{\"StartAt\": \"Wait\", \"States\": {\"Wait\": {\"Type\": \"Wait\", \"Seconds\": 86400, \"Next\": \"Greet\"},"
                + " \"Greet\": {\"Type\": \"Pass\", \"Parameters\": {\"msg.$\": \"States.Format('Hello, {}!', $.name)\"}, \"End\": true}}}");
        long started = System.nanoTime();
        Run run = mlops("states", "run", file.toString(), "--input", "{\"name\": \"Ada\"}");
        assertEquals(0, run.code(), run.err());
        assertEquals("{\"status\":\"SUCCEEDED\",\"output\":{\"msg\":\"Hello, Ada!\"}}", run.lastLine());
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "a day's Wait passes on the virtual clock");
        assertTrue(run.err().contains("arn:aws:states:local:000000000000:execution:machine:"), run.err());
    }

    @Test
    void run_failed_printsErrorAndCause_exitZero() throws IOException {
        Path file = definition("{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"Error\": \"Nope\", \"Cause\": \"because\"}}}");
        Run run = mlops("states", "run", file.toString(), "--input", "{}");
        assertEquals(0, run.code());
        assertEquals("{\"status\":\"FAILED\",\"error\":\"Nope\",\"cause\":\"because\"}", run.lastLine());
    }

    @Test
    void run_taskWithoutLocalIntegration_failsWithTaskFailedNamingResource() throws IOException {
        Path file = definition("{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sns:publish\", \"End\": true}}}");
        Run run = mlops("states", "run", file.toString(), "--input", "{}");
        assertEquals(0, run.code());
        assertTrue(run.lastLine().startsWith("{\"status\":\"FAILED\",\"error\":\"States.TaskFailed\",\"cause\":\"No task handler for the resource 'arn:aws:states:::sns:publish'"),
                run.lastLine());
    }

    @Test
    void run_inputFile_andHistoryOnStderr() throws IOException {
        Path file = definition("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");
        Path input = Files.writeString(dir.resolve("input.json"), "[1, 2]");
        Run run = mlops("states", "run", file.toString(), "--input-file", input.toString(), "--history", "--seed", "1");
        assertEquals("{\"status\":\"SUCCEEDED\",\"output\":[1,2]}", run.lastLine());
        assertTrue(run.err().contains("\"type\":\"PassStateEntered\""), run.err());
        assertEquals(1, run.out().strip().split("\n").length, "results only on stdout");
    }

    @Test
    void run_invalidDefinition_exitsTwoWithParserErrors() throws IOException {
        Path file = definition("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}}}");
        Run run = mlops("states", "run", file.toString(), "--input", "{}");
        assertEquals(MlopsCli.BAD_INPUT, run.code());
        assertTrue(run.err().contains("State 'A': field 'Next' (/States/A): 'B' is not a state in this machine"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void run_jsonataAndJsonPathStates_shareVariables() throws IOException {
        Path file = definition("{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"Count\", \"States\": {"
                + "\"Count\": {\"Type\": \"Pass\", \"Assign\": {\"n\": \"{% $count($states.input.items) %}\"}, \"Next\": \"Each\"},"
                + "\"Each\": {\"Type\": \"Map\", \"Items\": \"{% $states.input.items %}\", \"Next\": \"Report\", \"ItemProcessor\":"
                + " {\"StartAt\": \"Up\", \"States\": {\"Up\": {\"Type\": \"Pass\", \"Output\": \"{% $uppercase($states.input) & '/' & $n %}\","
                + " \"End\": true}}}},"
                + "\"Report\": {\"Type\": \"Pass\", \"QueryLanguage\": \"JSONata\", \"Output\": {\"items\": \"{% $states.input %}\","
                + " \"total\": \"{% $n %}\"}, \"End\": true}}}");
        Run run = mlops("states", "run", file.toString(), "--input", "{\"items\": [\"a\", \"b\"]}");
        assertEquals(0, run.code(), run.err());
        assertEquals("{\"status\":\"SUCCEEDED\",\"output\":{\"items\":[\"A/2\",\"B/2\"],\"total\":2}}", run.lastLine());
        Path forbidden = definition("{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\","
                + " \"OutputPath\": \"$.a\", \"End\": true}}}");
        Run invalid = mlops("states", "run", forbidden.toString(), "--input", "{}");
        assertEquals(MlopsCli.BAD_INPUT, invalid.code());
        assertTrue(invalid.err().contains("Field is not supported when QueryLanguage is JSONata"), invalid.err());
    }

    @Test
    void run_unreadableFileOrBadInput_exitsTwo() throws IOException {
        assertEquals(MlopsCli.BAD_INPUT, mlops("states", "run", dir.resolve("missing.asl.json").toString(), "--input", "{}").code());
        Path file = definition("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");
        Run run = mlops("states", "run", file.toString(), "--input", "{not json");
        assertEquals(MlopsCli.BAD_INPUT, run.code());
        assertTrue(run.err().contains("the input is not JSON"), run.err());
        assertEquals(MlopsCli.BAD_INPUT, mlops("states", "run", file.toString()).code(), "one of --input and --input-file is required");
    }
}
