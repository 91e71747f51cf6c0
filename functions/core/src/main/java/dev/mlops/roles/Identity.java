package dev.mlops.roles;

import java.util.EnumSet;
import java.util.Set;

/** An authenticated caller: a person ({@code alice}), an application, or automation ({@code system:drift}). */
public record Identity(String name, Set<Role> roles) {

    public Identity {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an identity needs a name");
        }
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** Whether this is automation rather than a person. */
    public boolean isSystem() {
        return name.startsWith("system:");
    }
}
