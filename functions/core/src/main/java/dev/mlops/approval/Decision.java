package dev.mlops.approval;

import java.time.Instant;

/** Who closed a request, when, and what they wrote. {@code actor} is {@code system:timeout} for an expiry. */
public record Decision(String actor, Instant at, String comment) {

    public Decision {
        if (actor == null || actor.isBlank() || at == null) {
            throw new IllegalArgumentException("a decision needs an actor and a time");
        }
        comment = comment == null ? "" : comment;
    }
}
