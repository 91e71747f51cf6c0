package dev.mlops.local.cli;

import dev.mlops.Digests;
import dev.mlops.local.LocalEnvironment;
import dev.mlops.metrics.BinaryMetrics;
import dev.mlops.model.ModelConfig;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.packaging.PackageManifest;
import dev.mlops.registry.AuditEvent;
import dev.mlops.registry.Deployment;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.registry.ModelStatus;
import dev.mlops.registry.StatusChange;
import dev.mlops.registry.VersionRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@code mlops models ...}: read and change the registry. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List, show, publish, import and promote model versions.",
        subcommands = {ModelsCommand.ListVersions.class, ModelsCommand.Show.class, ModelsCommand.Publish.class,
                ImportCommand.class, ModelsCommand.Promote.class})
final class ModelsCommand implements Runnable {

    @ParentCommand
    MlopsCli root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every registered version with its status and holdout AUC.")
    static final class ListVersions implements Runnable {
        @ParentCommand
        ModelsCommand models;

        @Option(names = "--model", description = "Only this model.")
        String model;

        @Override
        public void run() {
            LocalEnvironment env = models.root.environment();
            ModelRegistry registry = env.registry();
            PrintWriter out = models.spec.commandLine().getOut();
            List<String> names = model != null ? List.of(ModelVersions.checkModel(model)) : registry.models();
            if (names.isEmpty()) {
                out.println("no models registered yet (try: ./mlops train --model credit-risk)");
                return;
            }
            out.printf("%-16s %-8s %-17s %-7s %-20s %s%n", "MODEL", "VERSION", "STATUS", "AUC", "REGISTERED", "BY");
            for (String name : names) {
                Deployment deployment = registry.deployment(name);
                for (VersionRecord v : registry.versions(name)) {
                    String role = v.version().equals(deployment.champion()) ? " (champion)"
                            : v.version().equals(deployment.challenger()) ? " (challenger " + deployment.challengerWeight() + "%)" : "";
                    out.printf("%-16s %-8s %-17s %-7s %-20s %s%s%n", name, v.version(), v.status(),
                            auc(env, name, v.version()), v.registeredAt().toString().substring(0, 19), v.registeredBy(), role);
                }
            }
        }

        private static String auc(LocalEnvironment env, String model, String version) {
            try {
                return String.format(Locale.ROOT, "%.4f", env.packages().readManifest(model, version).metrics().auc());
            } catch (RuntimeException e) {
                return "?";
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A model's deployment, versions and audit trail; with --version, that version's package, lineage and history.")
    static final class Show implements Runnable {
        @ParentCommand
        ModelsCommand models;

        @Option(names = "--model", required = true)
        String model;

        @Option(names = "--version", description = "A version such as v3.")
        String version;

        @Option(names = "--audit", defaultValue = "20", description = "How many recent audit events to show (default ${DEFAULT-VALUE}).")
        int auditEvents;

        @Override
        public void run() {
            LocalEnvironment env = models.root.environment();
            PrintWriter out = models.spec.commandLine().getOut();
            if (version != null) {
                showVersion(env, out);
            } else {
                showModel(env, out);
            }
        }

        private void showModel(LocalEnvironment env, PrintWriter out) {
            ModelRegistry registry = env.registry();
            List<VersionRecord> versions = registry.versions(model);
            if (versions.isEmpty()) {
                throw new dev.mlops.registry.VersionNotFoundException("model '" + model + "' has no registered versions");
            }
            Deployment d = registry.deployment(model);
            out.printf("model       %s%n", model);
            out.printf("deployment  champion=%s challenger=%s weight=%d%% mode=%s revision=%d%n",
                    d.champion(), d.challenger(), d.challengerWeight(), d.mode(), d.revision());
            out.println("versions");
            for (VersionRecord v : versions) {
                out.printf("  %-6s %-17s registered %s by %s%n", v.version(), v.status(), v.registeredAt(), v.registeredBy());
            }
            List<AuditEvent> audit = registry.audit(model);
            out.println("audit (most recent last)");
            for (AuditEvent e : audit.subList(Math.max(0, audit.size() - auditEvents), audit.size())) {
                out.printf("  %s  %-22s %-5s by %s%s%n", e.at(), e.action(), e.version() == null ? "-" : e.version(), e.actor(),
                        e.reason().isEmpty() ? "" : ": " + e.reason());
            }
        }

        private void showVersion(LocalEnvironment env, PrintWriter out) {
            VersionRecord record = env.registry().requireVersion(model, version);
            PackageManifest m = env.packages().readManifest(model, version);
            BinaryMetrics metrics = m.metrics();
            out.printf("version     %s/%s%n", model, version);
            out.printf("status      %s%n", record.status());
            record.approval().ifPresent(a -> out.printf("approved    by %s at %s: %s%n", a.actor(), a.at(), a.reason()));
            out.printf("package     %s%n", env.describe(record.packagePrefix()));
            out.printf("onnx        sha256 %s (%d bytes)%n", m.onnxSha256(), m.onnxBytes());
            out.printf(Locale.ROOT, "metrics     AUC %.4f  accuracy %.4f  log-loss %.4f  calibration error %.4f  (%d holdout rows, %.1f%% positive)%n",
                    metrics.auc(), metrics.accuracy(), metrics.logLoss(), metrics.calibrationError(), metrics.rows(),
                    100 * metrics.positiveRate());
            out.printf("input       %s [-1, %d]: %s%n", m.input().tensorName(), m.input().width(), m.input().columnNames());
            out.printf("output      %s, positive class column %d of %s%n", m.output().tensorName(), m.output().positiveColumn(),
                    m.output().labels());
            out.printf("explain     %s%n", m.coefficients() != null ? "exact (linear coefficients)" : "not available for this model");
            var l = m.lineage();
            out.printf("lineage     dataset %s (sha256 %s, %d rows)%n", l.datasetUri(), l.datasetSha256(), l.rows());
            out.printf("            code %s, image %s, %s, seed %d, initiated by %s%n", l.codeRevision(), l.trainerImage(),
                    l.algorithm(), l.seed(), l.initiator());
            out.printf("            parameters %s%n", l.parameters());
            out.println("history");
            for (StatusChange c : record.history()) {
                out.printf("  %s  %s -> %s by %s%s%n", c.at(), c.from() == null ? "-" : c.from(), c.to(), c.actor(),
                        c.reason().isEmpty() ? "" : ": " + c.reason());
            }
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Validate models/<model>/model.json and publish it to the artifact store, where deployed functions read it.")
    static final class Publish implements Runnable {
        @ParentCommand
        ModelsCommand models;

        @Option(names = "--model", required = true)
        String model;

        @Override
        public void run() {
            LocalEnvironment env = models.root.environment();
            java.nio.file.Path file = env.configFile(model).orElseThrow(() -> new IllegalArgumentException(
                    "no model config " + env.modelsDir().resolve(model).resolve("model.json")));
            ModelConfig config = ModelConfig.load(file);
            if (!config.name().equals(model)) {
                throw new IllegalArgumentException(file + " declares name '" + config.name() + "', not '" + model + "'");
            }
            byte[] bytes = config.toJson();
            String key = ModelVersions.configKey(model);
            env.store().put(key, bytes);
            models.spec.commandLine().getOut().printf("published %s to %s (sha256 %s)%n", file, env.describe(key), Digests.sha256(bytes));
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Make a version the champion. Operator shortcut until the training pipeline automates it: a"
                    + " version not yet through approval and canary is walked through them, each step recorded in its"
                    + " history and the audit trail as this shortcut. A RETIRED version comes back (rollback).")
    static final class Promote implements Runnable {
        static final String SHORTCUT = "operator shortcut: mlops models promote";

        @ParentCommand
        ModelsCommand models;

        @Option(names = "--model", required = true)
        String model;

        @Option(names = "--version", required = true)
        String version;

        @Option(names = "--reason", defaultValue = "operator promotion from the command line")
        String reason;

        @Override
        public void run() {
            ModelRegistry registry = models.root.environment().registry();
            String actor = models.root.actor();
            for (ModelStatus step : List.of(ModelStatus.PENDING_APPROVAL, ModelStatus.APPROVED, ModelStatus.CANARY)) {
                ModelStatus current = registry.requireVersion(model, version).status();
                if (current.canMoveTo(step)) {
                    registry.transition(model, version, step, actor, SHORTCUT);
                }
            }
            long revision = registry.deployment(model).revision();
            Deployment d = registry.promote(model, version, revision, actor, reason);
            models.spec.commandLine().getOut().printf("%s/%s is now the champion (deployment revision %d)%n", model, version, d.revision());
        }
    }
}
