package dev.mlops.trainer;

import dev.mlops.InvalidDocumentException;
import dev.mlops.packaging.ModelPackage;
import dev.mlops.packaging.ModelPackages;
import dev.mlops.trainer.data.DriftKnobs;
import dev.mlops.trainer.data.TrainingDataException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingJobTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
    private static byte[] goodCsv;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        goodCsv = Fixtures.csv(3, 3000, DriftKnobs.none());
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path goodCsvFile() throws IOException {
        return Files.write(dir.resolve("train.csv"), goodCsv);
    }

    private static String configPath() {
        return Fixtures.CREDIT_RISK_CONFIG.toString();
    }

    @Test
    void run_validInputs_writesReadablePackagesWithIncreasingVersions() throws IOException {
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        List<String> progress = new ArrayList<>();
        TrainingJob job = new TrainingJob(store, location -> store, CLOCK, "local", progress::add);
        String dataset = goodCsvFile().toUri().toString();

        TrainingResult first = job.run(new TrainingRequest(dataset, configPath(), 5, "alice", "abc123"));
        TrainingResult second = job.run(new TrainingRequest(goodCsvFile().toString(), configPath(), 6, "bob", null));

        assertEquals("v1", first.version());
        assertEquals("v2", second.version());
        assertEquals("models/credit-risk/v1/", first.packagePrefix());
        ModelPackage pkg = new ModelPackages(store).read("credit-risk", "v1");
        assertEquals(first.metrics(), pkg.manifest().metrics());
        assertEquals("alice", pkg.manifest().lineage().initiator());
        assertEquals("abc123", pkg.manifest().lineage().codeRevision());
        assertEquals(dataset, pkg.manifest().lineage().datasetUri());
        assertEquals(CLOCK.instant(), pkg.manifest().createdAt());
        assertEquals("unknown", new ModelPackages(store).readManifest("credit-risk", "v2").lineage().codeRevision());
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("wrote package models/credit-risk/v1/")), progress.toString());
    }

    @Test
    void run_sameRunIdTwice_trainsOnceAndMarksTheRun() throws IOException {
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        List<String> progress = new ArrayList<>();
        TrainingJob job = new TrainingJob(store, location -> store, CLOCK, "local", progress::add);
        String dataset = goodCsvFile().toString();

        TrainingResult first = job.run(new TrainingRequest(dataset, configPath(), 5, "alice", "r", "exec-1"));
        TrainingResult again = job.run(new TrainingRequest(dataset, configPath(), 5, "alice", "r", "exec-1"));
        TrainingResult other = job.run(new TrainingRequest(dataset, configPath(), 5, "alice", "r", "exec-2"));

        assertEquals("v1", first.version());
        assertEquals("v1", again.version());
        assertEquals(first.metrics(), again.metrics());
        assertEquals("v2", other.version());
        assertEquals(2, store.list("models/credit-risk/").stream().filter(k -> k.endsWith("package.json")).count());
        dev.mlops.packaging.TrainingRun marker = dev.mlops.Json.read(
                store.require("training-runs/credit-risk/exec-1.json").bytes(), dev.mlops.packaging.TrainingRun.class, "marker");
        assertEquals(dev.mlops.packaging.TrainingRun.of("credit-risk", "exec-1", "v1"), marker);
        assertTrue(progress.stream().anyMatch(l -> l.contains("not training again")), progress.toString());
    }

    @Test
    void request_runIdThatIsNoKeySegment_refused() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingRequest("d.csv", "m.json", 1, "a", "r", "../x"));
    }

    @Test
    void run_s3Uris_readThroughTheLocatedStore() {
        InMemoryArtifactStore bucket = new InMemoryArtifactStore();
        bucket.put("datasets/credit-risk/train.csv", goodCsv);
        bucket.put("models/credit-risk/model.json", Fixtures.creditRisk().toJson());
        InMemoryArtifactStore output = new InMemoryArtifactStore();
        List<String> opened = new ArrayList<>();
        TrainingJob job = new TrainingJob(output, location -> {
            opened.add(location);
            return bucket;
        }, CLOCK, "example.org/trainer:1", line -> { });

        TrainingResult result = job.run(new TrainingRequest("s3://data-bucket/datasets/credit-risk/train.csv",
                "s3://data-bucket/models/credit-risk/model.json", 1, "system:drift", "r1"));

        assertEquals("v1", result.version());
        assertEquals(List.of("s3://data-bucket", "s3://data-bucket"), opened);
        assertEquals("example.org/trainer:1", new ModelPackages(output).readManifest("credit-risk", "v1").lineage().trainerImage());
    }

    @Test
    void run_missingColumn_failsWithoutWritingAnything() throws IOException {
        String csv = new String(goodCsv, StandardCharsets.UTF_8).replaceFirst("home_owner", "homeowner");
        assertBadInput(file("bad.csv", csv), configPath(), TrainingDataException.class, "missing column(s) [home_owner]");
    }

    @Test
    void run_extraColumn_failsWithoutWritingAnything() throws IOException {
        String csv = new String(goodCsv, StandardCharsets.UTF_8).lines().map(l -> l.startsWith("age") ? l + ",zip" : l + ",1")
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
        assertBadInput(file("bad.csv", csv), configPath(), TrainingDataException.class, "unexpected column(s) [zip]");
    }

    @Test
    void run_nonNumericValue_failsNamingLineAndColumn() throws IOException {
        List<String> lines = new ArrayList<>(new String(goodCsv, StandardCharsets.UTF_8).lines().toList());
        lines.set(3, "forty" + lines.get(3).substring(lines.get(3).indexOf(',')));
        assertBadInput(file("bad.csv", String.join("\n", lines)), configPath(), TrainingDataException.class,
                "line 4, column 'age': not a number: 'forty'");
    }

    @Test
    void run_emptyFile_fails() throws IOException {
        assertBadInput(file("empty.csv", ""), configPath(), TrainingDataException.class, "empty file");
    }

    @Test
    void run_oneClassLabel_fails() throws IOException {
        String csv = new String(goodCsv, StandardCharsets.UTF_8).lines()
                .map(l -> l.startsWith("age") ? l : l.substring(0, l.length() - 1) + "0")
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
        assertBadInput(file("bad.csv", csv), configPath(), TrainingDataException.class, "only one class");
    }

    @Test
    void run_unknownAlgorithm_configErrorNamesKeyAndValue() throws IOException {
        String config = Files.readString(Fixtures.CREDIT_RISK_CONFIG).replace("\"logistic-regression\"", "\"random-forest\"");
        InvalidDocumentException e = assertBadInput(goodCsvFile(), file("model.json", config).toString(),
                InvalidDocumentException.class, "$.trainer.algorithm");
        assertTrue(e.getMessage().contains("random-forest"), e.getMessage());
    }

    @Test
    void run_missingDataset_failsNamingIt() {
        assertBadInput(dir.resolve("nope.csv"), configPath(), TrainingDataException.class, "nope.csv");
    }

    private <E extends Exception> E assertBadInput(Path dataset, String config, Class<E> type, String expected) {
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        TrainingJob job = new TrainingJob(store, location -> store, CLOCK, "local", line -> { });
        E e = assertThrows(type, () -> job.run(new TrainingRequest(dataset.toString(), config, 1, "alice", "r")));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(List.of(), store.list(""), "nothing may be written for bad input");
        return e;
    }

    @Test
    void main_validArguments_printsOneJsonLineAndExitsZero() throws IOException {
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TrainerMain.run(new String[]{"--dataset", goodCsvFile().toString(), "--output", "s3://out-bucket",
                "--model-config", configPath(), "--seed", "42", "--initiator", "alice", "--code-revision", "abc"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                location -> store, CLOCK);

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("{\"model\":\"credit-risk\",\"version\":\"v1\",\"packagePrefix\":\"models/credit-risk/v1/\",\"metrics\":{\"auc\":"),
                lines.get(0));
        assertTrue(store.get("models/credit-risk/v1/package.json").isPresent());
    }

    @Test
    void main_badArguments_exitTwoWithUsage() {
        assertExit(2, "missing required argument --initiator", "--dataset", "d.csv", "--output", "o", "--model-config", "m",
                "--seed", "1");
        assertExit(2, "--seed must be an integer, got 'x'", "--dataset", "d.csv", "--output", "o", "--model-config", "m",
                "--seed", "x", "--initiator", "a");
        assertExit(2, "unknown argument '--epochs'", "--epochs", "3");
        assertExit(2, "--dataset needs a value", "--dataset");
    }

    @Test
    void main_badData_exitTwoAndNoPackage() throws IOException {
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TrainerMain.run(new String[]{"--dataset", file("empty.csv", "").toString(), "--output", "/tmp/x",
                "--model-config", configPath(), "--seed", "1", "--initiator", "a"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), location -> store, CLOCK);
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("empty file"), err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), store.list(""));
    }

    private void assertExit(int expected, String message, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TrainerMain.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                location -> new InMemoryArtifactStore(), CLOCK);
        assertEquals(expected, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(message), err.toString(StandardCharsets.UTF_8));
    }
}
