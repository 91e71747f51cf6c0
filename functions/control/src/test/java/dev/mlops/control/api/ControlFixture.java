package dev.mlops.control.api;

import dev.mlops.Json;
import dev.mlops.approval.ApprovalRequest;
import dev.mlops.approval.ApprovalStore;
import dev.mlops.control.FakeExecutions;
import dev.mlops.registry.ControlTestPackages;
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
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local MLOPS_HOME for the control API: a filesystem store with credit-risk v1 as champion, a published config,
 * a dataset, one token per test identity, and a fake engine. Each test asks for its own pending approvals
 * (new versions), so tests sharing one server never see each other's decisions.
 */
final class ControlFixture {

    static final String MODEL = "credit-risk";
    static final String DATASET = "datasets/credit-risk/train.csv";

    /** The test identities; {@code DS} may also approve, so self-approval is refused by the rule, not the role. */
    enum Who {
        DS("ds-alice", Role.DATA_SCIENTIST, Role.APPROVER),
        APPROVER("bob", Role.APPROVER),
        APPROVER2("carol", Role.APPROVER),
        OPERATOR("olga", Role.OPERATOR),
        ANALYST("ann", Role.ANALYST),
        CLIENT("app-1", Role.CLIENT);

        final String identity;
        final Set<Role> roles;

        Who(String identity, Role... roles) {
            this.identity = identity;
            this.roles = Set.copyOf(EnumSet.copyOf(Arrays.asList(roles)));
        }

        String token() {
            return "mlops_test_token_of_" + identity + "_0123456789abcdef";
        }

        /** The groups claim as API Gateway payload 2.0 flattens it: {@code [a b]}. */
        String groupsClaim() {
            return "[" + String.join(" ", roles.stream().sorted().map(Role::label).toList()) + "]";
        }

        static Who of(String token) {
            return Arrays.stream(values()).filter(w -> w.token().equals(token)).findFirst().orElse(null);
        }
    }

    final Path home;
    final ArtifactStore store;
    final ModelRegistry registry;
    final ApprovalStore approvals;
    final FakeExecutions engine = new FakeExecutions();
    private final AtomicInteger versions = new AtomicInteger(1);

    private ControlFixture(Path home) {
        this.home = home;
        this.store = new FileSystemArtifactStore(home.resolve("store"));
        AtomicInteger ids = new AtomicInteger();
        this.registry = new ModelRegistry(store, Clock.systemUTC(), () -> "f" + ids.incrementAndGet());
        this.approvals = new ApprovalStore(store, Clock.systemUTC());
    }

    static ControlFixture create(Path home) {
        ControlFixture f = new ControlFixture(home);
        f.writeTokens();
        ControlTestPackages.publishConfig(f.store, MODEL);
        f.store.put(DATASET, "x,y\n0.1,0\n".getBytes(StandardCharsets.UTF_8));
        ControlTestPackages.write(f.store, MODEL, "v1");
        f.registry.register(MODEL, "v1", "ds-alice");
        for (ModelStatus s : List.of(ModelStatus.PENDING_APPROVAL, ModelStatus.APPROVED, ModelStatus.CANARY)) {
            f.registry.transition(MODEL, "v1", s, "fixture", "fixture");
        }
        f.registry.promote(MODEL, "v1", 0, "fixture", "fixture");
        return f;
    }

    /** Properties pointing the control function at this home. */
    Map<String, Object> properties() {
        return Map.of("mlops.control.home", home.toString());
    }

    /** A new version of credit-risk trained by {@code initiator}, waiting for approval for an hour; returns its approval id. */
    String pendingApproval(String initiator) {
        return pendingApproval(initiator, Clock.systemUTC(), Duration.ofHours(1));
    }

    /** As above, requested at {@code clock}'s time: a clock in the past gives a request already past its deadline. */
    String pendingApproval(String initiator, Clock clock, Duration timeout) {
        String version = "v" + versions.incrementAndGet();
        ControlTestPackages.write(store, MODEL, version);
        registry.register(MODEL, version, initiator);
        registry.transition(MODEL, version, ModelStatus.PENDING_APPROVAL, "system:pipeline", "gate passed");
        String evidence = "evidence/" + MODEL + "/" + version + ".json";
        store.put(evidence, Json.write(Map.of("verdict", "PASS", "auc", 0.81)));
        new ApprovalStore(store, clock).request(new ApprovalRequest(MODEL, version,
                "arn:aws:states:local:000000000000:execution:training-pipeline:run-" + version, token(version), initiator, evidence, timeout));
        return MODEL + "." + version;
    }

    /** The task token of a version's approval request. */
    static String token(String version) {
        return "task-token-" + version;
    }

    static String version(String approvalId) {
        return approvalId.substring(approvalId.lastIndexOf('.') + 1);
    }

    static Clock past(Duration ago) {
        return Clock.fixed(Instant.now().minus(ago), ZoneOffset.UTC);
    }

    private void writeTokens() {
        List<LocalTokens.Entry> entries = Arrays.stream(Who.values())
                .map(w -> new LocalTokens.Entry(w.token(), w.identity, w.roles)).toList();
        try {
            Files.createDirectories(home);
            Files.write(home.resolve("tokens.json"), Json.write(entries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
