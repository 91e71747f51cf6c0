package dev.mlops.registry;

import dev.mlops.store.ArtifactStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry's behaviour, run against each artifact-store implementation. */
abstract class ModelRegistryContract {

    static final String MODEL = "credit-risk";

    ArtifactStore store;
    ModelRegistry registry;

    /** A fresh, empty store for one test. */
    abstract ArtifactStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
        AtomicInteger ids = new AtomicInteger();
        registry = new ModelRegistry(store, Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC),
                () -> "e" + ids.incrementAndGet());
    }

    private void registerCanary(String version) {
        TestPackages.write(store, MODEL, version);
        registry.register(MODEL, version, "alice");
        registry.transition(MODEL, version, ModelStatus.PENDING_APPROVAL, "system:pipeline", "gate passed");
        registry.transition(MODEL, version, ModelStatus.APPROVED, "bob", "looks good");
        registry.transition(MODEL, version, ModelStatus.CANARY, "system:pipeline", "canary 10%");
    }

    @Test
    void register_withoutCompletePackage_isRefused() {
        RegistryException e = assertThrows(RegistryException.class, () -> registry.register(MODEL, "v1", "alice"));
        assertTrue(e.getMessage().contains("no complete package under models/credit-risk/v1/"), e.getMessage());
        assertTrue(registry.versions(MODEL).isEmpty());
    }

    @Test
    void register_twice_isRefused() {
        TestPackages.write(store, MODEL, "v1");
        registry.register(MODEL, "v1", "alice");
        RegistryException e = assertThrows(RegistryException.class, () -> registry.register(MODEL, "v1", "mallory"));
        assertTrue(e.getMessage().contains("already registered"), e.getMessage());
        assertEquals("alice", registry.requireVersion(MODEL, "v1").registeredBy());
    }

    @Test
    void register_recordsStatusHashAndAuditEvent() {
        TestPackages.write(store, MODEL, "v1");
        VersionRecord record = registry.register(MODEL, "v1", "alice");
        assertEquals(ModelStatus.REGISTERED, record.status());
        assertEquals(record, registry.requireVersion(MODEL, "v1"));
        assertEquals(List.of(MODEL), registry.models());
        List<AuditEvent> audit = registry.audit(MODEL);
        assertEquals(1, audit.size());
        assertEquals("REGISTERED", audit.get(0).action());
        assertEquals("alice", audit.get(0).actor());
        assertTrue(store.list("audit/credit-risk/2026-11-26/").get(0).matches("audit/credit-risk/2026-11-26/100000\\.000-e1\\.json"));
    }

    @Test
    void transition_illegal_isRefusedAndChangesNothing() {
        TestPackages.write(store, MODEL, "v1");
        registry.register(MODEL, "v1", "alice");
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> registry.transition(MODEL, "v1", ModelStatus.CHAMPION, "mallory", "skip the queue"));
        assertTrue(e.getMessage().contains("cannot move from REGISTERED to CHAMPION"), e.getMessage());
        assertEquals(ModelStatus.REGISTERED, registry.requireVersion(MODEL, "v1").status());
        assertEquals(1, registry.audit(MODEL).size());
    }

    @Test
    void transition_fromFinalStatus_isRefused() {
        TestPackages.write(store, MODEL, "v1");
        registry.register(MODEL, "v1", "alice");
        registry.transition(MODEL, "v1", ModelStatus.GATE_FAILED, "system:pipeline", "AUC 0.61 < 0.70");
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> registry.transition(MODEL, "v1", ModelStatus.PENDING_APPROVAL, "alice", "retry"));
        assertTrue(e.getMessage().contains("none, it is final"), e.getMessage());
    }

    @Test
    void transition_unknownVersion_isNotFound() {
        assertThrows(VersionNotFoundException.class, () -> registry.transition(MODEL, "v9", ModelStatus.APPROVED, "bob", ""));
    }

    @Test
    void approval_isRecordedWithApproverAndComment() {
        registerCanary("v1");
        StatusChange approval = registry.requireVersion(MODEL, "v1").approval().orElseThrow();
        assertEquals("bob", approval.actor());
        assertEquals("looks good", approval.reason());
        assertTrue(registry.audit(MODEL).stream().anyMatch(e -> e.action().equals("STATUS:APPROVED") && e.actor().equals("bob")));
    }

    @Test
    void promote_retiresPreviousChampionAndRollbackRestoresIt() {
        registerCanary("v1");
        registry.promote(MODEL, "v1", 0, "ops", "first champion");
        registerCanary("v2");
        Deployment d = registry.promote(MODEL, "v2", 1, "ops", "canary passed");
        assertEquals("v2", d.champion());
        assertEquals(2, d.revision());
        assertEquals(ModelStatus.RETIRED, registry.requireVersion(MODEL, "v1").status());
        assertEquals(ModelStatus.CHAMPION, registry.requireVersion(MODEL, "v2").status());

        registry.promote(MODEL, "v1", 2, "ops", "operator rollback");
        assertEquals("v1", registry.deployment(MODEL).champion());
        assertEquals(ModelStatus.RETIRED, registry.requireVersion(MODEL, "v2").status());
    }

    @Test
    void promote_staleRevision_isConflictAndChangesNothing() {
        registerCanary("v1");
        registry.promote(MODEL, "v1", 0, "ops", "first");
        registerCanary("v2");
        assertThrows(VersionConflictException.class, () -> registry.promote(MODEL, "v2", 0, "ops", "stale"));
        assertEquals("v1", registry.deployment(MODEL).champion());
        assertEquals(ModelStatus.CANARY, registry.requireVersion(MODEL, "v2").status());
    }

    @Test
    void promote_versionNotInCanary_isIllegal() {
        TestPackages.write(store, MODEL, "v1");
        registry.register(MODEL, "v1", "alice");
        assertThrows(IllegalTransitionException.class, () -> registry.promote(MODEL, "v1", 0, "ops", ""));
        assertEquals(Deployment.none(), registry.deployment(MODEL));
    }

    @Test
    void changeDeployment_namingUnregisteredVersion_isRefused() {
        assertThrows(VersionNotFoundException.class, () -> registry.changeDeployment(MODEL, 0,
                Deployment.none().withChampion("v7"), "ops", ""));
    }

    @Test
    void racingPromotions_haveOneWinnerPerRevision_andOneAuditEventPerWin() throws Exception {
        int contenders = 6;
        for (int i = 1; i <= contenders; i++) {
            registerCanary("v" + i);
        }
        int rounds = 3;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            for (int round = 0; round < rounds; round++) {
                long revision = registry.deployment(MODEL).revision();
                List<String> candidates = registry.versions(MODEL).stream()
                        .filter(v -> v.status() == ModelStatus.CANARY).map(VersionRecord::version).toList();
                CyclicBarrier start = new CyclicBarrier(candidates.size());
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (String candidate : candidates) {
                    Callable<Boolean> attempt = () -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            registry.promote(MODEL, candidate, revision, "ops-" + candidate, "race");
                            return true;
                        } catch (VersionConflictException lost) {
                            return false;
                        }
                    };
                    outcomes.add(pool.submit(attempt));
                }
                int winners = 0;
                for (Future<Boolean> outcome : outcomes) {
                    winners += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
                Deployment after = registry.deployment(MODEL);
                assertEquals(revision + 1, after.revision());
                assertEquals(ModelStatus.CHAMPION, registry.requireVersion(MODEL, after.champion()).status());
            }
        } finally {
            pool.shutdownNow();
        }
        long promotions = registry.audit(MODEL).stream().filter(e -> e.action().equals("PROMOTED")).count();
        assertEquals(rounds, promotions);
        long champions = registry.versions(MODEL).stream().filter(v -> v.status() == ModelStatus.CHAMPION).count();
        assertEquals(1, champions);
    }

    @Test
    void racingVersionClaims_getDistinctConsecutiveVersions() throws Exception {
        VersionClaims claims = new VersionClaims(store, Clock.systemUTC());
        int trainers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(trainers);
        try {
            CyclicBarrier start = new CyclicBarrier(trainers);
            List<Future<String>> versions = new ArrayList<>();
            for (int i = 0; i < trainers; i++) {
                versions.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return claims.allocate(MODEL, "trainer");
                }));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> v : versions) {
                distinct.add(v.get(30, TimeUnit.SECONDS));
            }
            Set<String> expected = new HashSet<>();
            for (int i = 1; i <= trainers; i++) {
                expected.add("v" + i);
            }
            assertEquals(expected, distinct);
        } finally {
            pool.shutdownNow();
        }
    }
}
