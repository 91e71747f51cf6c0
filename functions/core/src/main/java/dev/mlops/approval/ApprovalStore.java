package dev.mlops.approval;

import dev.mlops.Json;
import dev.mlops.roles.Identity;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.StoredObject;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Approval requests in the artifact store. Every change is a compare-and-swap on the request's document, re-read
 * and re-checked when it loses a race, so exactly one decision wins and nothing is half-written.
 */
public final class ApprovalStore {

    /** Where approval documents live. */
    public static final String PREFIX = "approvals/";
    /** The actor recorded when a request expires. */
    public static final String TIMEOUT_ACTOR = "system:timeout";

    private final ArtifactStore store;
    private final Clock clock;

    public ApprovalStore(ArtifactStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Records a request, or, when the version's request already exists and is still pending (the parking task was
     * retried), replaces its token and deadline, since only the newest token can resume the execution.
     *
     * @throws ApprovalException {@code ALREADY_DECIDED} when the version's request was already closed
     */
    public Approval request(ApprovalRequest request) {
        Instant now = clock.instant();
        Approval fresh = new Approval(Approval.id(request.model(), request.version()), request.model(),
                request.version(), request.executionArn(), request.taskToken(), request.initiator(),
                request.evidenceKey(), now, now.plus(request.timeout()), ApprovalState.PENDING, null);
        String key = Approval.key(request.model(), request.version());
        if (store.createIfAbsent(key, Json.write(fresh)).isPresent()) {
            return fresh;
        }
        return update(fresh.id(), current -> {
            if (current.state().isFinal()) {
                throw new ApprovalException(ApprovalException.Reason.ALREADY_DECIDED,
                        "approval " + current.id() + " was already closed: " + current.state());
            }
            return current.withToken(request.taskToken(), fresh.expiresAt());
        });
    }

    /** The request with this id, if any. */
    public Optional<Approval> find(String id) {
        return read(id).map(o -> parse(o));
    }

    /** All requests, newest first. */
    public List<Approval> all() {
        return store.list(PREFIX).stream()
                .map(key -> parse(store.require(key)))
                .sorted(Comparator.comparing(Approval::requestedAt).reversed())
                .toList();
    }

    /** Requests still waiting for a decision and not past their deadline, oldest first. */
    public List<Approval> pending() {
        Instant now = clock.instant();
        return all().stream()
                .filter(a -> a.state() == ApprovalState.PENDING && !a.expiredAt(now))
                .sorted(Comparator.comparing(Approval::requestedAt))
                .toList();
    }

    /**
     * Decides a request, once. The same decision repeated returns the recorded one ({@link DecisionResult#repeated()});
     * the opposite decision, a decision by the training's initiator, and any decision after the deadline are refused.
     *
     * @throws ApprovalException with the rule that refused the decision
     */
    public DecisionResult decide(String id, Outcome outcome, Identity actor, String comment) {
        if (comment == null || comment.isBlank()) {
            throw new ApprovalException(ApprovalException.Reason.INVALID, "a decision needs a comment: it goes into the audit trail");
        }
        Approval current = require(id);
        checkNotInitiator(current, actor);
        if (current.state() == outcome.state()) {
            return new DecisionResult(current, true);
        }
        Approval decided = update(id, latest -> {
            checkDecidable(latest, outcome, actor);
            return latest.closed(outcome.state(), new Decision(actor.name(), clock.instant(), comment.strip()));
        });
        return new DecisionResult(decided, false);
    }

    /**
     * Closes a pending request as {@code EXPIRED} (the workflow timed out waiting). A request already closed is
     * returned unchanged: an approval that beat the timeout stands.
     */
    public Approval expire(String id, String reason) {
        Approval current = require(id);
        if (current.state().isFinal()) {
            return current;
        }
        return update(id, latest -> latest.state().isFinal() ? latest
                : latest.closed(ApprovalState.EXPIRED, new Decision(TIMEOUT_ACTOR, clock.instant(), reason)));
    }

    private void checkDecidable(Approval approval, Outcome outcome, Identity actor) {
        if (approval.state().isFinal()) {
            String by = approval.decision().actor();
            throw new ApprovalException(approval.state() == ApprovalState.EXPIRED ? ApprovalException.Reason.EXPIRED
                    : ApprovalException.Reason.ALREADY_DECIDED,
                    "approval " + approval.id() + " is already " + approval.state() + " (by " + by + " at "
                            + approval.decision().at() + "); it cannot be " + outcome.state());
        }
        if (approval.expiredAt(clock.instant())) {
            throw new ApprovalException(ApprovalException.Reason.EXPIRED, "approval " + approval.id() + " expired at "
                    + approval.expiresAt() + "; the workflow no longer waits for a decision");
        }
    }

    private static void checkNotInitiator(Approval approval, Identity actor) {
        if (actor.name().equals(approval.initiator())) {
            throw new ApprovalException(ApprovalException.Reason.SELF_APPROVAL, actor.name() + " started the training of "
                    + approval.model() + "/" + approval.version() + " and may not decide on its approval");
        }
    }

    private Approval require(String id) {
        return find(id).orElseThrow(() -> new ApprovalException(ApprovalException.Reason.NOT_FOUND,
                "no approval request '" + id + "'"));
    }

    private Approval update(String id, UnaryOperator<Approval> change) {
        while (true) {
            StoredObject object = read(id).orElseThrow(() -> new ApprovalException(ApprovalException.Reason.NOT_FOUND,
                    "no approval request '" + id + "'"));
            Approval current = parse(object);
            Approval next = change.apply(current);
            if (next == current) {
                return current;
            }
            if (store.replaceIfVersionMatches(object.key(), Json.write(next), object.version()).isPresent()) {
                return next;
            }
            // Lost a race: the loop re-reads and re-checks against the winner's document.
        }
    }

    private Optional<StoredObject> read(String id) {
        int dot = id == null ? -1 : id.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            return store.get(Approval.key(id.substring(0, dot), id.substring(dot + 1)));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private static Approval parse(StoredObject object) {
        return Json.read(object.bytes(), Approval.class, object.key());
    }
}
