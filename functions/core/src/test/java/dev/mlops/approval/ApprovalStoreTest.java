package dev.mlops.approval;

import dev.mlops.roles.Identity;
import dev.mlops.roles.Role;
import dev.mlops.store.fs.FileSystemArtifactStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.function.Executable;

class ApprovalStoreTest {

    static final Identity ALICE = new Identity("alice", Set.of(Role.APPROVER));
    static final Identity BOB = new Identity("bob", Set.of(Role.APPROVER));
    static final Identity DS = new Identity("ds-carol", Set.of(Role.DATA_SCIENTIST, Role.APPROVER));

    @TempDir
    Path root;
    MutableClock clock;
    ApprovalStore approvals;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));
        approvals = new ApprovalStore(new FileSystemArtifactStore(root), clock);
    }

    @Test
    void aRequestIsPendingUntilDecidedAndKeepsItsTokenServerSide() {
        Approval approval = approvals.request(request("token-1"));

        assertEquals("credit-risk.v2", approval.id());
        assertEquals(List.of("credit-risk.v2"), approvals.pending().stream().map(Approval::id).toList());
        assertEquals(Instant.parse("2026-11-28T09:00:00Z"), approval.expiresAt());
        assertNull(approval.redacted().taskToken());
        assertEquals("token-1", approvals.find("credit-risk.v2").orElseThrow().taskToken());
    }

    @Test
    void aDecisionIsRecordedOnceAndARepeatReturnsIt() {
        approvals.request(request("token-1"));

        DecisionResult first = approvals.decide("credit-risk.v2", Outcome.APPROVE, ALICE, "metrics look fine");
        DecisionResult again = approvals.decide("credit-risk.v2", Outcome.APPROVE, BOB, "me too");

        assertFalse(first.repeated());
        assertEquals(ApprovalState.APPROVED, first.approval().state());
        assertTrue(again.repeated());
        assertEquals("alice", again.approval().decision().actor());
        assertEquals("metrics look fine", again.approval().decision().comment());
        assertTrue(approvals.pending().isEmpty());
    }

    @Test
    void theOppositeDecisionIsRefused() {
        approvals.request(request("token-1"));
        approvals.decide("credit-risk.v2", Outcome.REJECT, ALICE, "AUC too low for this segment");

        ApprovalException e = refused(ApprovalException.Reason.ALREADY_DECIDED,
                () -> approvals.decide("credit-risk.v2", Outcome.APPROVE, BOB, "ok"));
        assertTrue(e.getMessage().contains("already REJECTED (by alice"), e.getMessage());
    }

    @Test
    void theInitiatorMayNotDecideEvenWithTheApproverRole() {
        approvals.request(request("token-1"));

        ApprovalException e = refused(ApprovalException.Reason.SELF_APPROVAL,
                () -> approvals.decide("credit-risk.v2", Outcome.APPROVE, DS, "lgtm"));
        assertTrue(e.getMessage().contains("ds-carol started the training"), e.getMessage());
        assertEquals(1, approvals.pending().size());
    }

    @Test
    void aDecisionAfterTheDeadlineIsRefusedAndExpiryIsRecorded() {
        approvals.request(request("token-1"));
        clock.advance(Duration.ofHours(25));

        assertTrue(approvals.pending().isEmpty());
        ApprovalException late = refused(ApprovalException.Reason.EXPIRED,
                () -> approvals.decide("credit-risk.v2", Outcome.APPROVE, ALICE, "late"));
        assertTrue(late.getMessage().contains("expired at 2026-11-28T09:00:00Z"), late.getMessage());

        Approval expired = approvals.expire("credit-risk.v2", "no decision within 24 h");
        assertEquals(ApprovalState.EXPIRED, expired.state());
        assertEquals(ApprovalStore.TIMEOUT_ACTOR, expired.decision().actor());
        ApprovalException closed = refused(ApprovalException.Reason.EXPIRED,
                () -> approvals.decide("credit-risk.v2", Outcome.APPROVE, ALICE, "late"));
        assertTrue(closed.getMessage().contains("already EXPIRED"), closed.getMessage());
    }

    @Test
    void expiryDoesNotOverrideADecisionThatBeatIt() {
        approvals.request(request("token-1"));
        approvals.decide("credit-risk.v2", Outcome.APPROVE, ALICE, "ok");

        assertEquals(ApprovalState.APPROVED, approvals.expire("credit-risk.v2", "timeout").state());
    }

    @Test
    void aRetriedParkingTaskReplacesTheTokenOfThePendingRequest() {
        approvals.request(request("token-1"));
        clock.advance(Duration.ofMinutes(5));
        Approval again = approvals.request(request("token-2"));

        assertEquals("token-2", again.taskToken());
        assertEquals(Instant.parse("2026-11-27T09:00:00Z"), again.requestedAt());
        assertEquals(Instant.parse("2026-11-28T09:05:00Z"), again.expiresAt());
    }

    @Test
    void aClosedRequestCannotBeRequestedAgain() {
        approvals.request(request("token-1"));
        approvals.decide("credit-risk.v2", Outcome.REJECT, ALICE, "no");

        refused(ApprovalException.Reason.ALREADY_DECIDED, () -> approvals.request(request("token-2")));
    }

    @Test
    void unknownOrMalformedIdsAreNotFoundAndCommentsAreRequired() {
        approvals.request(request("token-1"));

        for (String id : List.of("credit-risk.v9", "nope", "../etc.v1", "Credit.v1")) {
            refused(ApprovalException.Reason.NOT_FOUND, () -> approvals.decide(id, Outcome.APPROVE, ALICE, "ok"));
        }
        refused(ApprovalException.Reason.INVALID, () -> approvals.decide("credit-risk.v2", Outcome.APPROVE, ALICE, "  "));
    }

    @Test
    void racingOppositeDecisionsProduceExactlyOneWinner() throws Exception {
        for (int round = 0; round < 20; round++) {
            String version = "v" + (round + 1);
            approvals.request(new ApprovalRequest("credit-risk", version, "arn:exec", "t" + round, "ds-carol",
                    "evidence/credit-risk/" + version + ".json", Duration.ofDays(1)));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Boolean>> results = new ArrayList<>();
            for (Outcome outcome : Outcome.values()) {
                Identity who = outcome == Outcome.APPROVE ? ALICE : BOB;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return !approvals.decide("credit-risk." + version, outcome, who, "race").repeated();
                    } catch (ApprovalException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(1, winners, "round " + round);
        }
    }

    private static ApprovalException refused(ApprovalException.Reason reason, Executable call) {
        ApprovalException e = assertThrows(ApprovalException.class, call);
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    private static ApprovalRequest request(String token) {
        return new ApprovalRequest("credit-risk", "v2", "arn:aws:states:us-east-1:123456789012:execution:training-pipeline:x",
                token, "ds-carol", "evidence/credit-risk/v2.json", Duration.ofHours(24));
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
