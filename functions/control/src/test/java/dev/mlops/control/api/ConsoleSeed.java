package dev.mlops.control.api;

import dev.mlops.Digests;
import dev.mlops.Json;
import dev.mlops.approval.ApprovalRequest;
import dev.mlops.approval.ApprovalStore;
import dev.mlops.contract.ContractFitter;
import dev.mlops.contract.InputContract;
import dev.mlops.drift.Baseline;
import dev.mlops.drift.CategoricalHistogram;
import dev.mlops.drift.Histogram;
import dev.mlops.drift.NumericHistogram;
import dev.mlops.metrics.BinaryMetrics;
import dev.mlops.model.CategoricalFeature;
import dev.mlops.model.FeatureSpec;
import dev.mlops.model.ModelConfig;
import dev.mlops.model.NumericFeature;
import dev.mlops.packaging.Lineage;
import dev.mlops.packaging.ModelPackages;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.packaging.OutputContract;
import dev.mlops.packaging.PackageManifest;
import dev.mlops.registry.ControlTestPackages;
import dev.mlops.registry.Deployment;
import dev.mlops.registry.DeploymentMode;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.registry.ModelStatus;
import dev.mlops.roles.LocalTokens;
import dev.mlops.roles.Role;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.fs.FileSystemArtifactStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local MLOPS_HOME with what the console shows, written by core's own registry, approval and package classes:
 * credit-risk (the repository's real model.json) with v1 champion, v2 in a 10 % canary, v3 and v4 waiting for
 * approval (trained by ds-alice) with evidence in the pipeline's format, three drift reports and a KPI report; and
 * churn, registered but never checked (the empty states). Packages carry baselines counted from seeded synthetic
 * rows, so histograms and PSI are real numbers.
 */
final class ConsoleSeed {

    static final String MODEL = "credit-risk";
    static final String BARE_MODEL = "churn";
    static final String APPROVE_VERSION = "v3";
    static final String SELF_VERSION = "v4";

    /** The people of the console tests; ds-alice may also approve, so self-approval is refused by rule, not role. */
    enum Who {
        DS("ds-alice", Role.DATA_SCIENTIST, Role.APPROVER),
        APPROVER("bob", Role.APPROVER),
        ANALYST("ann", Role.ANALYST),
        OPERATOR("olga", Role.OPERATOR),
        CLIENT("app-1", Role.CLIENT);

        final String identity;
        final Set<Role> roles;

        Who(String identity, Role... roles) {
            this.identity = identity;
            this.roles = Set.of(roles);
        }

        String token() {
            return "mlops_console_token_of_" + identity + "_0123456789abcdef";
        }
    }

    final Path home;
    final ArtifactStore store;
    final ModelRegistry registry;
    final ApprovalStore approvals;
    final ConsoleExecutions engine = new ConsoleExecutions();
    private final ModelConfig config;

    private ConsoleSeed(Path home) {
        this.home = home;
        this.store = new FileSystemArtifactStore(home.resolve("store"));
        AtomicInteger ids = new AtomicInteger();
        this.registry = new ModelRegistry(store, Clock.systemUTC(), () -> "c" + ids.incrementAndGet());
        this.approvals = new ApprovalStore(store, Clock.systemUTC());
        this.config = ModelConfig.load(repositoryRoot().resolve("models/credit-risk/model.json"));
    }

    static ConsoleSeed create(Path home) {
        ConsoleSeed seed = new ConsoleSeed(home);
        seed.writeTokens();
        seed.seedCreditRisk();
        ControlTestPackages.publishConfig(seed.store, BARE_MODEL);
        ControlTestPackages.write(seed.store, BARE_MODEL, "v1");
        seed.registry.register(BARE_MODEL, "v1", "ds-alice");
        return seed;
    }

    /** The execution ARN of the training that produced {@code version}. */
    static String executionArn(String version) {
        return "arn:aws:states:local:000000000000:execution:training-pipeline:train-" + MODEL + "-" + version;
    }

    static String taskToken(String version) {
        return "console-task-token-" + version;
    }

    private void seedCreditRisk() {
        store.put(ModelVersions.configKey(MODEL), config.toJson());
        writePackage("v1", 0.0, 11, 0.781, "ds-alice");
        writePackage("v2", 0.05, 12, 0.786, "ds-alice");
        writePackage("v3", 0.15, 13, 0.792, "ds-alice");
        writePackage("v4", 0.30, 14, 0.774, "ds-alice");

        registry.register(MODEL, "v1", "ds-alice");
        for (ModelStatus s : List.of(ModelStatus.PENDING_APPROVAL, ModelStatus.APPROVED, ModelStatus.CANARY)) {
            registry.transition(MODEL, "v1", s, s == ModelStatus.APPROVED ? "bob" : "system:pipeline", s == ModelStatus.APPROVED
                    ? "first model: AUC 0.78 on the holdout, calibration fine" : "pipeline");
        }
        Deployment first = registry.promote(MODEL, "v1", 0, "system:pipeline", "canary passed every step");

        registry.register(MODEL, "v2", "ds-alice");
        registry.transition(MODEL, "v2", ModelStatus.PENDING_APPROVAL, "system:pipeline", "gate passed");
        registry.transition(MODEL, "v2", ModelStatus.APPROVED, "bob", "AUC +0.005, PSI below 0.05 everywhere");
        registry.transition(MODEL, "v2", ModelStatus.CANARY, "system:pipeline", "canary step 1");
        registry.changeDeployment(MODEL, first.revision(), new Deployment("v1", "v2", 10, DeploymentMode.CANARY, 0),
                "system:pipeline", "canary step 1 of [10, 50, 100]");

        for (String version : List.of(APPROVE_VERSION, SELF_VERSION)) {
            registry.register(MODEL, version, "ds-alice");
            registry.transition(MODEL, version, ModelStatus.PENDING_APPROVAL, "system:pipeline", "gate passed");
            String evidenceKey = "evidence/" + MODEL + "/" + version + "/evaluation.json";
            store.put(evidenceKey, Json.write(evidence(version, "v1")));
            approvals.request(new ApprovalRequest(MODEL, version, executionArn(version), taskToken(version), "ds-alice",
                    evidenceKey, Duration.ofHours(24)));
            engine.waitingForApproval(executionArn(version), "train-" + MODEL + "-" + version, taskToken(version), MODEL, version);
        }
        engine.failedTraining("arn:aws:states:local:000000000000:execution:training-pipeline:train-" + MODEL + "-broken",
                "train-" + MODEL + "-broken");
        engine.driftCheck("arn:aws:states:local:000000000000:execution:drift-check:drift-" + MODEL + "-1", "drift-" + MODEL + "-1");

        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        writeDriftReport(now.minus(Duration.ofDays(2)), 0.0, false);
        writeDriftReport(now.minus(Duration.ofDays(1)), 0.2, false);
        writeDriftReport(now, 0.6, true);
        writeKpiReport(LocalDate.ofInstant(now, ZoneOffset.UTC));
    }

    // --- packages -----------------------------------------------------------------------------------------------

    private final Map<String, PackageManifest> manifests = new TreeMap<>();
    private final Map<String, Map<String, double[]>> raw = new TreeMap<>();

    /** A package whose baseline is counted from synthetic rows, the numeric features shifted by {@code shift} SDs. */
    private void writePackage(String version, double shift, long seed, double auc, String initiator) {
        Random random = new Random(seed);
        int rows = 4000;
        Map<String, double[]> numeric = new LinkedHashMap<>();
        Map<String, Map<String, Long>> categorical = new LinkedHashMap<>();
        ContractFitter fitter = new ContractFitter(config.features());
        for (FeatureSpec feature : config.features()) {
            if (feature instanceof NumericFeature n) {
                double[] values = new double[rows];
                for (int i = 0; i < rows; i++) {
                    values[i] = sample(n, random, shift);
                    fitter.observe(n.name(), values[i]);
                }
                numeric.put(n.name(), values);
            } else if (feature instanceof CategoricalFeature c) {
                Map<String, Long> counts = new LinkedHashMap<>();
                for (int i = 0; i < rows; i++) {
                    String level = c.values().get(Math.min(c.values().size() - 1, (int) Math.floor(Math.abs(random.nextGaussian() + shift) * 1.6)));
                    counts.merge(level, 1L, Long::sum);
                }
                categorical.put(c.name(), counts);
            }
        }
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        numeric.forEach((name, values) -> histograms.put(name, NumericHistogram.ofQuantiles(values, 10)));
        categorical.forEach((name, counts) -> histograms.put(name, CategoricalHistogram.of(
                ((CategoricalFeature) config.feature(name).orElseThrow()).values(), counts)));
        double[] scores = new double[800];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = 1 / (1 + Math.exp(-(random.nextGaussian() * 1.2 - 2.0)));
        }
        InputContract input = fitter.build("input");
        byte[] onnx = ("onnx stand-in " + MODEL + " " + version).getBytes(StandardCharsets.UTF_8);
        PackageManifest manifest = new PackageManifest(PackageManifest.FORMAT_VERSION, MODEL, version,
                Instant.parse("2026-11-20T08:00:00Z").plus(Duration.ofDays(Integer.parseInt(version.substring(1)))),
                Digests.sha256(onnx), onnx.length, input, new OutputContract("output", List.of("0", "1"), 1), null,
                new BinaryMetrics(auc, 0.86 + auc / 100, 0.36 - auc / 20, 0.012 + shift / 50, 800, 0.13),
                new Baseline(rows, histograms, NumericHistogram.ofQuantiles(scores, 10)),
                new Lineage("file:datasets/credit-risk/train-" + version + ".csv", Digests.sha256(("data " + version).getBytes(StandardCharsets.UTF_8)),
                        rows, "a1b2c3d", "local", "logistic-regression", Map.of("epochs", "10", "learningRate", "0.5"), seed, initiator));
        new ModelPackages(store).write(manifest, onnx, config);
        manifests.put(version, manifest);
        raw.put(version, numeric);
    }

    private static double sample(NumericFeature n, Random random, double shift) {
        double g = random.nextGaussian() + shift;
        double value = switch (n.name()) {
            case "age" -> 42 + 11 * g;
            case "income" -> Math.exp(10.8 + 0.5 * g);
            case "employment_years" -> Math.abs(6 + 5 * g);
            case "debt_ratio" -> Math.abs(0.35 + 0.15 * g);
            case "credit_lines" -> Math.abs(5 + 3 * g);
            case "late_payments_12m" -> Math.floor(Math.abs(g * 1.3));
            case "loan_amount" -> Math.exp(9.5 + 0.6 * g);
            case "loan_term_months" -> 12 * (1 + Math.floor(Math.abs(g * 2)));
            case "home_owner" -> g > 0.3 ? 1 : 0;
            default -> g;
        };
        double min = n.range() == null || n.range().min() == null ? Double.NEGATIVE_INFINITY : n.range().min();
        double max = n.range() == null || n.range().max() == null ? Double.POSITIVE_INFINITY : n.range().max();
        return Math.max(min, Math.min(max, value));
    }

    /** Evidence in the shape the pipeline's Evaluate writes (evidence/{model}/{version}/evaluation.json). */
    private Map<String, Object> evidence(String version, String champion) {
        PackageManifest candidate = manifests.get(version);
        PackageManifest base = manifests.get(champion);
        double maxPsi = 0.25;
        Map<String, Double> psi = new LinkedHashMap<>();
        base.baseline().features().forEach((name, expected) -> {
            if (expected instanceof NumericHistogram bins) {
                // The pipeline re-bins the candidate's histogram into the champion's bins; here the raw rows are at hand.
                psi.put(name, dev.mlops.drift.Psi.between(expected.counts(), bins.withCountsOf(raw.get(version).get(name)).counts()));
            } else {
                psi.put(name, dev.mlops.drift.Psi.between(expected.counts(), candidate.baseline().features().get(name).counts()));
            }
        });
        List<Map<String, Object>> checks = new ArrayList<>();
        checks.add(check("holdout AUC >= evaluation.minAuc", candidate.metrics().auc(), 0.70, true));
        checks.add(check("holdout log-loss <= evaluation.maxLogLoss", candidate.metrics().logLoss(), 0.45, false));
        checks.add(check("AUC drop vs champion " + champion + " <= evaluation.maxAucDropVsChampion",
                base.metrics().auc() - candidate.metrics().auc(), 0.01, false));
        psi.forEach((f, v) -> checks.add(check("training-data PSI of " + f + " vs champion " + champion
                + " <= evaluation.maxTrainingDataPsi", v, maxPsi, false)));
        List<String> reasons = checks.stream().filter(c -> !(Boolean) c.get("passed")).map(c -> (String) c.get("name")).toList();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", MODEL);
        doc.put("version", version);
        doc.put("evaluatedAt", Instant.now().toString());
        doc.put("policyProfile", null);
        doc.put("verdict", reasons.isEmpty() ? "PASS" : "FAIL");
        doc.put("reasons", reasons);
        doc.put("policy", Map.of("minAuc", 0.70, "maxLogLoss", 0.45, "maxCalibrationError", 0.05, "maxAucDropVsChampion", 0.01,
                "maxTrainingDataPsi", maxPsi));
        doc.put("metrics", candidate.metrics());
        doc.put("champion", champion);
        doc.put("championMetrics", base.metrics());
        doc.put("checks", checks);
        doc.put("trainingDataPsi", psi);
        doc.put("lineage", candidate.lineage());
        return doc;
    }

    private static Map<String, Object> check(String name, double value, double limit, boolean atLeast) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("value", value);
        c.put("limit", limit);
        c.put("passed", atLeast ? value >= limit : value <= limit);
        return c;
    }

    // --- reports ------------------------------------------------------------------------------------------------

    /**
     * A drift report in the shape the pipeline's DriftCheck writes ({@code reports/drift/{model}/{date}/{HHmmss}.json});
     * with {@code withCounts} each variable also carries its live bin counts, which the console draws when present.
     */
    private void writeDriftReport(Instant at, double shift, boolean withCounts) {
        PackageManifest champion = manifests.get("v1");
        Random random = new Random(Math.round(shift * 100) + 7);
        List<Map<String, Object>> variables = new ArrayList<>();
        long rows = 1200;
        Map<String, Histogram> all = new LinkedHashMap<>(champion.baseline().features());
        all.put("score", champion.baseline().score());
        boolean drifted = false;
        for (Map.Entry<String, Histogram> e : all.entrySet()) {
            Histogram baseline = e.getValue();
            double feature = e.getKey().equals("income") || e.getKey().equals("debt_ratio") ? shift : shift / 6;
            List<Long> live = liveCounts(baseline, rows, feature, random);
            double psi = dev.mlops.drift.Psi.between(baseline.counts(), live);
            Double ks = baseline instanceof NumericHistogram ? ks(baseline.counts(), live) : null;
            List<String> exceeded = new ArrayList<>();
            if (psi > 0.2) {
                exceeded.add("psi");
            }
            if (ks != null && ks > 0.06) {
                exceeded.add("ks");
            }
            drifted |= !exceeded.isEmpty();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", e.getKey());
            v.put("kind", e.getKey().equals("score") ? "score" : baseline instanceof NumericHistogram ? "numeric" : "categorical");
            v.put("rows", rows);
            v.put("missing", 0);
            v.put("psi", psi);
            v.put("ks", ks);
            v.put("ksPValue", null);
            v.put("chiSquare", baseline instanceof CategoricalHistogram ? psi * 900 : null);
            v.put("cramersV", baseline instanceof CategoricalHistogram ? Math.sqrt(psi / 4) : null);
            v.put("chiPValue", null);
            v.put("exceeded", exceeded);
            if (withCounts) {
                v.put("counts", live);
            }
            variables.add(v);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", MODEL);
        doc.put("version", "v1");
        doc.put("window", Map.of("from", at.minus(Duration.ofDays(1)).toString(), "to", at.toString()));
        doc.put("policyProfile", null);
        doc.put("policy", Map.of("tests", List.of("psi", "ks"), "psiThreshold", 0.2, "ksThreshold", 0.06, "minRows", 500,
                "persistence", 1, "schedule", "rate(1 day)"));
        doc.put("verdict", drifted ? "DRIFT" : "OK");
        doc.put("reasons", drifted ? List.of("income: PSI above 0.2", "debt_ratio: KS above 0.06") : List.of());
        doc.put("consecutive", drifted ? 1 : 0);
        doc.put("rows", rows);
        doc.put("variables", variables);
        String text = at.toString();
        store.put("reports/drift/" + MODEL + "/" + text.substring(0, 10) + "/" + text.substring(11, 19).replace(":", "") + ".json",
                Json.write(doc));
    }

    /** Live counts over the baseline's bins, its shares tilted towards the upper bins by {@code shift}. */
    private static List<Long> liveCounts(Histogram baseline, long rows, double shift, Random random) {
        List<Long> counts = baseline.counts();
        double[] weights = new double[counts.size()];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (counts.get(i) + 1.0) * Math.exp(shift * (i - weights.length / 2.0) / weights.length * 4)
                    * (0.95 + 0.1 * random.nextDouble());
            sum += weights[i];
        }
        List<Long> live = new ArrayList<>();
        for (double w : weights) {
            live.add(Math.round(rows * w / sum));
        }
        return live;
    }

    private static double ks(List<Long> a, List<Long> b) {
        double ta = a.stream().mapToLong(Long::longValue).sum();
        double tb = b.stream().mapToLong(Long::longValue).sum();
        double ca = 0;
        double cb = 0;
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            ca += a.get(i) / ta;
            cb += b.get(i) / tb;
            max = Math.max(max, Math.abs(ca - cb));
        }
        return max;
    }

    /** A KPI report in the shape the pipeline's KpiReport writes ({@code reports/kpi/{model}/{date}.json}). */
    private void writeKpiReport(LocalDate today) {
        List<Map<String, Object>> byDay = new ArrayList<>();
        Map<String, long[]> totals = new TreeMap<>();
        for (String version : List.of("v1", "v2")) {
            for (int d = 6; d >= 0; d--) {
                if (version.equals("v2") && d > 2) {
                    continue;
                }
                int labelled = version.equals("v1") ? 1800 + d * 40 : 190 + d * 5;
                double value = version.equals("v1") ? -4200 + d * 300 : -380 + d * 20;
                byDay.add(kpiRow(version, today.minusDays(d).toString(), labelled * 3L, labelled,
                        version.equals("v1") ? 0.871 : 0.874, version.equals("v1") ? 0.78 - d * 0.002 : 0.786 + d * 0.001, value));
                long[] t = totals.computeIfAbsent(version, k -> new long[3]);
                t[0] += labelled * 3L;
                t[1] += labelled;
                t[2] += (long) value;
            }
        }
        List<Map<String, Object>> byVersion = new ArrayList<>();
        totals.forEach((version, t) -> byVersion.add(kpiRow(version, "all", t[0], t[1], version.equals("v1") ? 0.871 : 0.874,
                version.equals("v1") ? 0.774 : 0.787, t[2])));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", MODEL);
        doc.put("from", today.minusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        doc.put("to", Instant.now().toString());
        doc.put("byDay", byDay);
        doc.put("byVersion", byVersion);
        doc.put("unmatchedFeedback", 3);
        store.put("reports/kpi/" + MODEL + "/" + today + ".json", Json.write(doc));
    }

    private static Map<String, Object> kpiRow(String version, String day, long predictions, long labelled, double accuracy,
                                              double auc, double value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("version", version);
        row.put("day", day);
        row.put("predictions", predictions);
        row.put("labelled", labelled);
        row.put("accuracy", accuracy);
        row.put("auc", Math.round(auc * 10000) / 10000.0);
        row.put("value", value);
        row.put("valuePerLabel", value / labelled);
        return row;
    }

    // --- tokens -------------------------------------------------------------------------------------------------

    private void writeTokens() {
        List<LocalTokens.Entry> entries = java.util.Arrays.stream(Who.values())
                .map(w -> new LocalTokens.Entry(w.token(), w.identity, w.roles)).toList();
        try {
            Files.createDirectories(home);
            Files.write(home.resolve("tokens.json"), Json.write(entries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("models/credit-risk/model.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no models/credit-risk/model.json above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
