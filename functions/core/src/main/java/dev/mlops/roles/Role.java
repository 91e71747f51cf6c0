package dev.mlops.roles;

import java.util.Locale;
import java.util.Optional;

/** What an identity may do. {@code client} is an application calling predict and feedback. */
public enum Role {
    APPROVER, OPERATOR, DATA_SCIENTIST, ANALYST, CLIENT;

    /** The name in tokens and JWT groups: {@code approver}, {@code data-scientist}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The role a group or token label names, if any. */
    public static Optional<Role> fromLabel(String label) {
        for (Role role : values()) {
            if (role.label().equals(label)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
