package dev.mlops.local.cli;

import dev.mlops.Json;
import dev.mlops.packaging.PackageManifest;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.registry.ModelStatus;
import dev.mlops.registry.VersionRecord;
import dev.mlops.store.fs.FileSystemArtifactStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line end to end, in-process: real training, real ONNX Runtime, a filesystem store in a temp folder. */
class MlopsCliTest {

    @TempDir
    Path home;

    record Run(int code, String out, String err) {
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("MLOPS_HOME", home.toString());
        env.put("MLOPS_MODELS", Path.of("..", "models").toAbsolutePath().toString());
        env.put("MLOPS_USER", "alice");
        env.put("MLOPS_CODE_REVISION", "test-rev");
        return env;
    }

    private Run mlops(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MlopsCli.run(env, Clock.systemUTC(), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Run mlops(String... args) {
        return mlops(env(), args);
    }

    private FileSystemArtifactStore store() {
        return new FileSystemArtifactStore(home.resolve("store"));
    }

    private ModelRegistry registry() {
        return new ModelRegistry(store(), Clock.systemUTC(), () -> "t");
    }

    @Test
    void train_synthetic_registersVersionWithLineageAndPrintsMetrics() {
        Run run = mlops("train", "--model", "credit-risk", "--rows", "3000", "--seed", "7");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("trained credit-risk/v1 in "), run.out());
        assertTrue(run.out().contains("holdout   AUC 0."), run.out());
        assertTrue(run.err().contains("generating 3000 synthetic rows (seed 7)"), run.err());

        VersionRecord v1 = registry().requireVersion("credit-risk", "v1");
        assertEquals(ModelStatus.REGISTERED, v1.status());
        assertEquals("alice", v1.registeredBy());
        PackageManifest manifest = PackageManifest.parse(store().require("models/credit-risk/v1/package.json").bytes(), "package.json");
        assertEquals("alice", manifest.lineage().initiator());
        assertEquals("test-rev", manifest.lineage().codeRevision());
        assertEquals(7, manifest.lineage().seed());
        assertEquals(3000, manifest.lineage().rows());
        assertTrue(manifest.lineage().datasetUri().endsWith("datasets/credit-risk/synthetic-seed7-rows3000.csv"));
        assertTrue(store().get("datasets/credit-risk/synthetic-seed7-rows3000.csv").isPresent());

        assertEquals(0, mlops("train", "--model", "credit-risk", "--rows", "2000").code());
        assertEquals(List.of("v1", "v2"), registry().versions("credit-risk").stream().map(VersionRecord::version).toList());
    }

    @Test
    void train_csvMissingColumn_exitsTwoNamingItAndWritesNoPackage() throws Exception {
        Path csv = home.resolve("loans.csv");
        Files.writeString(csv, "age,income,employment_years,debt_ratio,credit_lines,late_payments_12m,loan_amount,loan_term_months,purpose,default_12m\n"
                + "41,52000,3,0.3,4,0,12000,36,car,0\n");
        Run run = mlops("train", "--model", "credit-risk", "--data", csv.toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("home_owner"), run.err());
        assertTrue(store().list("models/").isEmpty());
        assertTrue(store().list("registry/").isEmpty());
    }

    @Test
    void train_dataAndRowsTogether_isUsageError() {
        Run run = mlops("train", "--model", "credit-risk", "--data", "x.csv", "--rows", "10");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("mutually exclusive"), run.err());
    }

    @Test
    void train_unknownModel_exitsTwoNamingWhereItLooked() {
        Run run = mlops("train", "--model", "fraud");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("unknown model 'fraud'"), run.err());
    }

    @Test
    void train_invalidModelConfig_exitsTwoNamingTheKey() throws Exception {
        Path models = home.resolve("models");
        Files.createDirectories(models.resolve("credit-risk"));
        String config = Files.readString(Path.of("..", "models", "credit-risk", "model.json"))
                .replace("\"holdoutFraction\": 0.2", "\"holdoutFracton\": 0.2");
        Files.writeString(models.resolve("credit-risk").resolve("model.json"), config);
        Map<String, String> env = env();
        env.put("MLOPS_MODELS", models.toString());
        Run run = mlops(env, "train", "--model", "credit-risk", "--rows", "500");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("$.trainer.holdoutFracton: unknown key 'holdoutFracton'"), run.err());
    }

    @Test
    void models_listAndShow_describeRegistryAndLineage() {
        assertTrue(mlops("models", "list").out().contains("no models registered yet"));
        assertEquals(0, mlops("train", "--model", "credit-risk", "--rows", "2000").code());

        Run list = mlops("models", "list");
        assertTrue(list.out().lines().anyMatch(l -> l.matches("credit-risk\\s+v1\\s+REGISTERED\\s+0\\.\\d{4}.*alice")), list.out());

        Run show = mlops("models", "show", "--model", "credit-risk", "--version", "v1");
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("lineage     dataset "), show.out());
        assertTrue(show.out().contains("initiated by alice"), show.out());
        assertTrue(show.out().contains("explain     exact (linear coefficients)"), show.out());

        Run model = mlops("models", "show", "--model", "credit-risk");
        assertTrue(model.out().contains("REGISTERED"), model.out());
        assertTrue(model.out().contains("deployment  champion=null"), model.out());
    }

    @Test
    void models_promoteRegisteredVersion_walksTheRecordedShortcutToChampion() {
        assertEquals(0, mlops("train", "--model", "credit-risk", "--rows", "2000").code());
        Run run = mlops("models", "promote", "--model", "credit-risk", "--version", "v1");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("credit-risk/v1 is now the champion (deployment revision 1)"), run.out());
        VersionRecord v1 = registry().requireVersion("credit-risk", "v1");
        assertEquals(ModelStatus.CHAMPION, v1.status());
        assertEquals(List.of(ModelStatus.REGISTERED, ModelStatus.PENDING_APPROVAL, ModelStatus.APPROVED, ModelStatus.CANARY, ModelStatus.CHAMPION),
                v1.history().stream().map(c -> c.to()).toList());
        assertTrue(v1.history().get(2).reason().contains("operator shortcut"), v1.history().toString());
        assertEquals("alice", v1.history().get(2).actor());
    }

    @Test
    void models_promoteGateFailedVersion_isRefusedWithTheTransition() {
        assertEquals(0, mlops("train", "--model", "credit-risk", "--rows", "2000").code());
        registry().transition("credit-risk", "v1", ModelStatus.GATE_FAILED, "system:pipeline", "AUC too low");
        Run run = mlops("models", "promote", "--model", "credit-risk", "--version", "v1");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("cannot move from GATE_FAILED to CHAMPION"), run.err());
    }

    @Test
    void models_show_unknownVersion_exitsTwo() {
        Run run = mlops("models", "show", "--model", "credit-risk", "--version", "v9");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("credit-risk/v9 is not registered"), run.err());
    }

    @Test
    void models_publish_writesValidatedConfigToStore() {
        Run run = mlops("models", "publish", "--model", "credit-risk");
        assertEquals(0, run.code(), run.err());
        assertTrue(store().get("models/credit-risk/model.json").isPresent());
    }

    @Test
    void models_import_checksContractAgainstGraphBeforeWritingAnything() throws Exception {
        assertEquals(0, mlops("train", "--model", "credit-risk", "--rows", "2000").code());
        Path onnx = home.resolve("store/models/credit-risk/v1/model.onnx");
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = Json.mapper().readValue(home.resolve("store/models/credit-risk/v1/package.json").toFile(), Map.class);
        Map<String, Object> contract = new LinkedHashMap<>();
        for (String key : List.of("input", "output", "coefficients", "metrics", "baseline", "lineage")) {
            contract.put(key, manifest.get(key));
        }
        Path good = home.resolve("contract.json");
        Files.write(good, Json.write(contract));

        Map<String, Object> output = new LinkedHashMap<>(cast(contract.get("output")));
        output.put("tensorName", "probabilities");
        contract.put("output", output);
        Path wrongOutput = home.resolve("contract-wrong-output.json");
        Files.write(wrongOutput, Json.write(contract));

        Run refused = mlops("models", "import", "--model", "credit-risk", "--onnx", onnx.toString(), "--contract", wrongOutput.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("output tensor 'probabilities' is not a graph output"), refused.err());

        Path garbage = home.resolve("garbage.onnx");
        Files.writeString(garbage, "not a model");
        Run corrupt = mlops("models", "import", "--model", "credit-risk", "--onnx", garbage.toString(), "--contract", good.toString());
        assertEquals(2, corrupt.code());
        assertTrue(corrupt.err().contains("not a loadable ONNX model"), corrupt.err());
        assertEquals(1, registry().versions("credit-risk").size());
        assertTrue(store().list("models/credit-risk/v2/").isEmpty());

        Run imported = mlops("models", "import", "--model", "credit-risk", "--onnx", onnx.toString(), "--contract", good.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().startsWith("imported credit-risk/v2 (REGISTERED)"), imported.out());
    }

    @Test
    void mlopsHome_notWritable_isClearError() throws Exception {
        Path file = home.resolve("a-file");
        Files.writeString(file, "");
        Map<String, String> env = env();
        env.put("MLOPS_HOME", file.resolve("home").toString());
        Run run = mlops(env, "models", "list");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("MLOPS_HOME " + file.resolve("home") + " cannot be created"), run.err());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
