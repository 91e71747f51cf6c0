package dev.mlops.control;

import dev.mlops.roles.Identity;
import dev.mlops.roles.Role;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Which roles may do what on the control API; the one place the role model is spelled out. */
public final class Access {

    /** Reads of models, versions, audit, executions, KPIs: every human role but a prediction client. */
    public static final Set<Role> ANALYST_AND_ABOVE = Set.copyOf(EnumSet.of(Role.ANALYST, Role.OPERATOR, Role.APPROVER, Role.DATA_SCIENTIST));
    /** Approval reads and decisions. */
    public static final Set<Role> APPROVERS = Set.of(Role.APPROVER);
    /** Deployment overrides. */
    public static final Set<Role> OPERATORS = Set.of(Role.OPERATOR);
    /** Starting trainings. */
    public static final Set<Role> DATA_SCIENTISTS = Set.of(Role.DATA_SCIENTIST);

    private Access() {
    }

    /**
     * Checks that {@code caller} holds one of {@code allowed}.
     *
     * @param action what the caller tried, for the message ("approve", "override the deployment")
     * @return the caller
     * @throws AccessDeniedException naming the caller, its roles and the roles needed
     */
    public static Identity require(Identity caller, Set<Role> allowed, String action) {
        if (caller.roles().stream().anyMatch(allowed::contains)) {
            return caller;
        }
        throw new AccessDeniedException(caller.name() + " (roles " + labels(caller.roles()) + ") may not " + action
                + ": it needs one of " + labels(allowed));
    }

    private static String labels(Set<Role> roles) {
        return roles.stream().sorted().map(Role::label).collect(Collectors.joining(", ", "[", "]"));
    }
}
